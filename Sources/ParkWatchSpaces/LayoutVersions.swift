import Foundation

/// A layout file replaced by an edit, with the version it replaces kept: `<file>.versions/`
/// holds each earlier version as `<when>.json`, and `history.tsv` one line per edit (when, who,
/// spaces, the version kept), so an edit can be traced and undone by hand. The photo the edit was
/// made on becomes the layout's reference, copied beside it (the archive may prune the original).
package struct LayoutVersions: Sendable {
    package let file: URL

    package init(file: URL) {
        self.file = file
    }

    package var folder: URL { file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".versions") }

    /// `spaces` in pixels of a `frame` (the photo the editor showed), put back into the layout's
    /// own coordinates, checked as any layout is, and written over the file after keeping the old one.
    package func save(
        _ spaces: [ParkingSpace], frame: (width: Int, height: Int), drawnOn photo: URL? = nil, who: String, at time: Date
    ) throws(SpacesError) -> LotLayout {
        let current = try LotLayout.load(file)
        var edited = current
        // A reference beside the layout stays written relative to it, as `lot import` users write it.
        if let reference = current.reference, URL(fileURLWithPath: reference).deletingLastPathComponent().path == file.deletingLastPathComponent().path {
            edited.reference = URL(fileURLWithPath: reference).lastPathComponent
        }
        edited.spaces = spaces.map { space in
            var space = space
            space.polygon = space.polygon.map { current.fromFrame($0, width: frame.width, height: frame.height) }
            return space
        }
        try edited.validate()
        let stamp = Self.stamp(time)
        let kept = folder.appendingPathComponent("\(stamp.replacingOccurrences(of: ":", with: "-")).json")
        do {
            if let photo {
                // Named by time: an older version keeps pointing at the photo it was drawn on.
                let name = "\(file.lastPathComponent).reference-\(stamp.replacingOccurrences(of: ":", with: "-")).\(photo.pathExtension)"
                let copy = file.deletingLastPathComponent().appendingPathComponent(name)
                try? FileManager.default.removeItem(at: copy)
                try FileManager.default.copyItem(at: photo, to: copy)
                edited.reference = name
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: kept)
            try FileManager.default.copyItem(at: file, to: kept)
            let line = "\(stamp)\t\(who)\t\(edited.spaces.count)\t\(kept.lastPathComponent)\n"
            try Self.append(line, to: folder.appendingPathComponent("history.tsv"))
        } catch {
            throw .layoutWriteFailed(path: folder.path, reason: "\(error)")
        }
        try edited.write(to: file)
        return try LotLayout.load(file)
    }

    private static func stamp(_ time: Date) -> String {
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(identifier: "UTC")
        return format.string(from: time)
    }

    private static func append(_ line: String, to url: URL) throws {
        guard let handle = FileHandle(forWritingAtPath: url.path) else {
            try Data(line.utf8).write(to: url)
            return
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}

extension LotLayout {
    /// A point of a `width` x `height` frame in this layout's own coordinates: the inverse of
    /// what `resolved(width:height:)` does to it.
    func fromFrame(_ point: Point, width: Int, height: Int) -> Point {
        if normalized { return Point(x: point.x / Double(width), y: point.y / Double(height)) }
        guard let imageWidth, let imageHeight, imageWidth != width || imageHeight != height else { return point }
        return Point(x: point.x * Double(imageWidth) / Double(width), y: point.y * Double(imageHeight) / Double(height))
    }
}
