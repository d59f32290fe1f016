import Foundation
import ParkWatchImageFiles
import ParkWatchSpaces
import ParkWatchStore

/// `parkwatch label import DIR`: PKLot XML labels, stored with the photos they describe. An image
/// is matched to a counted photo by its content, so the labels follow the photo whatever its
/// file is called in the inbox or the archive.
package struct LabelImport: Sendable {
    let store: ParkWatchDatabase

    package init(store: ParkWatchDatabase) {
        self.store = store
    }

    /// Every image under `folder` with a same-stem `.xml` beside it. Each must be a counted photo
    /// of `camera` whose spaces were read, and label only spaces of that reading's layout; one
    /// that is not stops the import before anything is stored, naming the file and what is wrong.
    /// Returns (photos, labels) stored.
    package func importLabels(from folder: URL, camera: String, at time: Date = Date()) async throws -> (photos: Int, labels: Int) {
        var batch: [(photoID: Int64, labels: [String: Bool])] = []
        var files: [Int64: URL] = [:]
        for (image, xml) in Self.labelledImages(in: folder) {
            let labels: [String: Bool]
            do { labels = try LayoutImport.readPKLot(xml).occupied } catch { throw PipelineError.badLabels(file: xml.path, reason: "\(error)") }
            guard let id = try await store.countedPhoto(sha256: ImageFolder.sha256(try Data(contentsOf: image)))?.id else {
                throw PipelineError.badLabels(file: image.path, reason: "no counted photo has this content (drop it in the inbox first)")
            }
            batch.append((id, labels))
            files[id] = image
        }
        guard !batch.isEmpty else {
            throw PipelineError.badLabels(file: folder.path, reason: "no image with a same-stem PKLot .xml beside it")
        }
        do { try await store.setLabels(batch, camera: camera, at: time) } catch {
            throw PipelineError.badLabels(file: Self.file(of: error, in: files) ?? folder.path, reason: "\(error)")
        }
        return (batch.count, batch.map(\.labels.count).reduce(0, +))
    }

    private static func file(of error: StoreError, in files: [Int64: URL]) -> String? {
        switch error {
        case .photoNotFound(let id), .labelledPhotoOfAnotherCamera(let id, _), .labelledPhotoNotRead(let id),
             .labelledSpaceUnknown(_, let id, _):
            files[id]?.path
        default: nil
        }
    }

    /// The images under `folder` with a same-stem `.xml` beside them.
    static func labelledImages(in folder: URL) -> [(image: URL, labels: URL)] {
        ImageFolder.images(under: folder).compactMap { image in
            let xml = image.deletingPathExtension().appendingPathExtension("xml")
            return FileManager.default.fileExists(atPath: xml.path) ? (image, xml) : nil
        }
    }
}
