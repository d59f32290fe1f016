import COpenCVShim
import Foundation
import ParkWatchVision

package enum SpaceState: String, Sendable, Codable {
    case occupied, free, unknown
}

/// One space as the overlay draws it.
package struct OverlaySpace: Sendable {
    package var polygon: [Point]
    package var state: SpaceState
    package var label: String

    package init(polygon: [Point], state: SpaceState, label: String) {
        self.polygon = polygon
        self.state = state
        self.label = label
    }
}

/// Pictures of a frame with its spaces: for operators checking a layout or a decision.
package enum OverlayRenderer {
    /// "free 12 / 40": the free spaces drawn over all spaces drawn, the one banner every picture shows.
    package static func banner(_ spaces: [OverlaySpace]) -> String {
        "free \(spaces.filter { $0.state == .free }.count) / \(spaces.count)"
    }

    /// Filled translucent polygons (green free, red occupied, grey unknown) with outlines, each
    /// space's label at its centre, and `banner` (e.g. "free 12 / 40") across the top. JPEG when
    /// the file name ends in .jpg/.jpeg, else PNG. Written to a temporary name in the same folder,
    /// then renamed, so a reader never sees half a file.
    package static func render(_ image: Image, spaces: [OverlaySpace], banner: String, to url: URL) throws(SpacesError) {
        let ext = url.pathExtension.lowercased()
        let format = (ext == "jpg" || ext == "jpeg") ? ".jpg" : ".png"
        let data: Data
        do {
            data = try encoded(image, spaces: spaces, banner: banner, format: format)
        } catch {
            throw .overlayWriteFailed(path: url.path, reason: error.reason)
        }
        try writeAtomically(data, to: url)
    }

    /// The overlay encoded in memory; `format` is an OpenCV extension such as ".png" or ".jpg".
    package static func encoded(_ image: Image, spaces: [OverlaySpace], banner: String, format: String = ".png") throws(OverlayFailure) -> Data {
        let points = spaces.flatMap { $0.polygon.flatMap { [$0.x, $0.y] } }
        let counts = spaces.map { Int32($0.polygon.count) }
        let states = spaces.map { code($0.state) }
        let anchors = spaces.flatMap { space -> [Double] in
            let centre = PolygonGeometry.centroid(space.polygon)
            return [centre.x, centre.y]
        }
        let labels = spaces.map { strdup($0.label) }
        defer { labels.forEach { free($0) } }
        let constLabels = labels.map { $0.map { UnsafePointer($0) } }
        var buffer: OpaquePointer?
        let failure = withExtendedLifetime(image) {
            Shim.call { err, errLen in
                pw_overlay_render(image._shimHandle, points, counts, states, constLabels, anchors, Int32(spaces.count),
                                  banner, format, &buffer, err, errLen)
            }
        }
        if let failure { throw OverlayFailure(reason: failure.message) }
        guard let buffer else { throw OverlayFailure(reason: "OpenCV returned no encoded image") }
        defer { pw_buffer_free(buffer) }
        return Data(bytes: pw_buffer_data(buffer), count: pw_buffer_size(buffer))
    }

    private static func code(_ state: SpaceState) -> Int32 {
        switch state {
        case .free: Int32(PW_SPACE_FREE)
        case .occupied: Int32(PW_SPACE_OCCUPIED)
        case .unknown: Int32(PW_SPACE_UNKNOWN)
        }
    }

    private static func writeAtomically(_ data: Data, to url: URL) throws(SpacesError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw .overlayWriteFailed(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .overlayWriteFailed(path: url.path, reason: reason)
        }
    }
}

/// Why OpenCV could not draw or encode an overlay.
package struct OverlayFailure: Error, Sendable, Equatable {
    package let reason: String
}
