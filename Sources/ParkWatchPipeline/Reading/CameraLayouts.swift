import Foundation
import Logging
import ParkWatchSpaces
import Synchronization

/// Each camera's layout as drawn, read again when its file changes: a layout edited by hand or
/// remade by `lot propose` takes effect at the camera's next frame, without a restart. A changed
/// file that does not load leaves the last good layout in use and is logged once per change; at
/// start, a bad file is an error, as a bad configuration is.
package final class CameraLayouts: Sendable {
    private struct Entry {
        var path: String?
        /// The file as it was when last read, whether it loaded or not.
        var stamp: FileStamp?
        var layout: LotLayout
    }

    private let entries: Mutex<[String: Entry]>
    private let logger: Logger

    /// Layouts from files, by camera id.
    package init(files: [String: String], logger: Logger = Logger(label: "parkwatch.pipeline")) throws {
        var loaded: [String: Entry] = [:]
        for (camera, path) in files {
            let stamp = Self.stamp(path)
            loaded[camera] = Entry(path: path, stamp: stamp, layout: try LotLayout.load(URL(fileURLWithPath: path)))
        }
        entries = Mutex(loaded)
        self.logger = logger
    }

    /// Layouts held in memory only (tests, one-off commands): never read again.
    package init(fixed layouts: [String: LotLayout]) {
        entries = Mutex(layouts.mapValues { Entry(path: nil, stamp: nil, layout: $0) })
        logger = Logger(label: "parkwatch.pipeline")
    }

    package var isEmpty: Bool { entries.withLock { $0.isEmpty } }

    /// The camera's layout now: its file is read again first when it changed since the last look.
    package subscript(camera: String) -> LotLayout? {
        entries.withLock { entries in
            guard var entry = entries[camera] else { return nil }
            if let path = entry.path, let stamp = Self.stamp(path), stamp != entry.stamp {
                entry.stamp = stamp
                reload(&entry, path: path, camera: camera)
                entries[camera] = entry
            }
            return entry.layout
        }
    }

    private func reload(_ entry: inout Entry, path: String, camera: String) {
        do {
            let layout = try LotLayout.load(URL(fileURLWithPath: path))
            guard layout != entry.layout else { return }
            entry.layout = layout
            logger.notice("layout changed: read again", metadata: ["camera": "\(camera)", "path": "\(path)", "spaces": "\(layout.spaces.count)"])
        } catch {
            logger.error(
                "layout changed but does not load: the last good one stays in use",
                metadata: ["camera": "\(camera)", "path": "\(path)", "reason": "\(error)"])
        }
    }

    private static func stamp(_ path: String) -> FileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return FileStamp(
            modified: attributes[.modificationDate] as? Date, inode: attributes[.systemFileNumber] as? Int,
            size: attributes[.size] as? Int)
    }
}

/// Enough of a file's metadata to notice a change: an atomic write (a new file renamed over the
/// old) changes the inode even within the clock tick that may leave the modification time alike.
private struct FileStamp: Equatable {
    var modified: Date?
    var inode: Int?
    var size: Int?
}
