import ParkWatchArchive
import Foundation

/// Camera folders whose names sanitise to the same id (`cam 2` and `cam_2`). Their photos would
/// land under one camera and mix two cameras' counts, so only one folder keeps the id: the one
/// already named as the id, else the name first in byte order. The others are refused: their
/// files stay where they are and are reported.
package enum CameraFolders {
    package struct Refusal: Sendable, Equatable, CustomStringConvertible {
        package var folder: String
        package var camera: String
        package var keptBy: String

        package var description: String {
            "camera folder '\(folder)' refused: its id '\(camera)' is already taken by folder '\(keptBy)'; rename one of them"
        }
    }

    package static func refusals(in inbox: URL) -> [Refusal] {
        let folders = IgnoredFiles.names(in: inbox).filter { name in
            !InboxNames.isIgnored(name) && InboxEntry.inspect(inbox.appendingPathComponent(name))?.kind == .directory
        }
        let byID = Dictionary(grouping: folders, by: CameraID.sanitize)
        return byID.flatMap { id, names -> [Refusal] in
            guard names.count > 1 else { return [] }
            let keeper = names.contains(id) ? id : names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }[0]
            return names.filter { $0 != keeper }.map { Refusal(folder: $0, camera: id, keptBy: keeper) }
        }
        .sorted { $0.folder < $1.folder }
    }

    /// The refusal that applies to a file at `url`, when it sits in a refused camera folder.
    static func refusal(for url: URL, inbox: URL) -> Refusal? {
        let relative = url.standardizedFileURL.pathComponents.dropFirst(inbox.standardizedFileURL.pathComponents.count)
        guard relative.count > 1, let folder = relative.first else { return nil }
        return refusals(in: inbox).first { $0.folder == folder }
    }
}
