import Crypto
import Foundation
import ParkWatchSpaces
import ParkWatchStore

/// `parkwatch label import DIR`: PKLot XML labels, stored with the photos they describe. An image
/// is matched to a counted photo by its content, so the labels follow the photo whatever its
/// file is called in the inbox or the archive.
public struct LabelImport: Sendable {
    let store: ParkWatchDatabase

    public init(store: ParkWatchDatabase) {
        self.store = store
    }

    /// Every image under `folder` with a same-stem `.xml` beside it. Each must be a counted photo
    /// of `camera` whose spaces were read, and label only spaces of that reading's layout; one
    /// that is not stops the import before anything is stored, naming the file and what is wrong.
    /// Returns (photos, labels) stored.
    public func importLabels(from folder: URL, camera: String, at time: Date = Date()) async throws -> (photos: Int, labels: Int) {
        var checked: [(photoID: Int64, labels: [String: Bool])] = []
        for (image, xml) in Self.labelledImages(in: folder) {
            checked.append(try await check(image, labels: xml, camera: camera))
        }
        guard !checked.isEmpty else {
            throw PipelineError.badLabels(file: folder.path, reason: "no image with a same-stem PKLot .xml beside it")
        }
        for photo in checked { try await store.setLabels(photo.labels, photoID: photo.photoID, at: time) }
        return (checked.count, checked.map(\.labels.count).reduce(0, +))
    }

    private func check(_ image: URL, labels xml: URL, camera: String) async throws -> (photoID: Int64, labels: [String: Bool]) {
        let fail = { (reason: String) in PipelineError.badLabels(file: image.path, reason: reason) }
        let labels: [String: Bool]
        do { labels = try LayoutImport.readPKLot(xml).occupied } catch { throw PipelineError.badLabels(file: xml.path, reason: "\(error)") }
        let digest = SHA256.hash(data: try Data(contentsOf: image)).map { String(format: "%02x", $0) }.joined()
        guard let photo = try await store.countedPhoto(sha256: digest), let id = photo.id else {
            throw fail("no counted photo has this content (drop it in the inbox first)")
        }
        guard photo.camera == camera else { throw fail("it is a photo of camera \(photo.camera), not \(camera)") }
        guard let spaces = try await store.spaceIDs(photoID: id) else {
            throw fail("the photo's spaces were not read (camera \(camera) had no layout then)")
        }
        if let unknown = labels.keys.sorted().first(where: { !spaces.contains($0) }) {
            throw fail("space \(unknown) is not in the camera's layout (\(spaces.count) spaces)")
        }
        return (id, labels)
    }

    /// Images (jpg, jpeg, png) with a same-stem `.xml`, in file-name order, under `folder`.
    static func labelledImages(in folder: URL) -> [(image: URL, labels: URL)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        var found: [(URL, URL)] = []
        for case let url as URL in walker where ["jpg", "jpeg", "png"].contains(url.pathExtension.lowercased()) {
            let xml = url.deletingPathExtension().appendingPathExtension("xml")
            if FileManager.default.fileExists(atPath: xml.path) { found.append((url, xml)) }
        }
        return found.sorted { $0.0.lastPathComponent < $1.0.lastPathComponent }
    }
}
