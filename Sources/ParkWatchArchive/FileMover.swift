import Foundation
#if canImport(Glibc)
import Glibc
#endif

package enum PlaceOutcome: Sendable, Equatable {
    case moved
    /// The destination already held identical content (a crash between the two halves of an
    /// earlier move); the source has now been removed.
    case alreadyThere
}

/// Moves a photo (or a bad entry that must be kept) into the archive without ever overwriting
/// anything and without a moment where neither copy exists: the destination is made durable before
/// the source is removed, so a crash leaves at worst both copies, which `place` recognises next time.
package struct FileMover: Sendable {
    package let forceCopy: Bool

    /// `forceCopy` takes the cross-filesystem path even when a hard link or rename would work.
    package init(forceCopy: Bool = false) {
        self.forceCopy = forceCopy
    }

    package func place(_ source: URL, at destination: URL) throws(ArchiveError) -> PlaceOutcome {
        let sourcePath = source.path
        let destinationPath = destination.path
        guard let info = try FileMoverPOSIX.entryStatus(sourcePath) else {
            throw .fileSystem(operation: "lstat", path: sourcePath, errno: ENOENT)
        }
        try FileMoverPOSIX.makeDirectories(FileMoverPOSIX.parent(of: destinationPath))
        // Placing a file onto its own name must not end with "identical, so unlink the source".
        if try isSameDirectoryEntry(sourcePath, destinationPath) { return .alreadyThere }
        switch FileMoverPOSIX.kind(of: info) {
        case .regular: return try placeRegularFile(sourcePath, at: destinationPath)
        case let kind: return try placeEntry(sourcePath, kind: kind, at: destinationPath)
        }
    }

    // MARK: Regular files

    private func placeRegularFile(_ source: String, at destination: String) throws(ArchiveError) -> PlaceOutcome {
        if !forceCopy {
            let code = FileMoverPOSIX.hardLink(source, destination)
            switch code {
            case 0: return try finishMove(removing: source, kind: .regular, publishedAt: destination)
            case EEXIST: return try resolveExisting(source, kind: .regular, destination)
            case EXDEV, EPERM, ENOTSUP, EMLINK: break  // no hard link possible here: copy instead
            default: throw .fileSystem(operation: "link", path: destination, errno: code)
            }
        }
        if FileMoverPOSIX.isTaken(destination) { return try resolveExisting(source, kind: .regular, destination) }
        let temporary = Self.temporaryPath(for: destination)
        try FileMoverPOSIX.removeTree(temporary)  // a leftover from an interrupted copy
        try FileMoverPOSIX.copyRegularFile(from: source, toNew: temporary)
        return try publish(temporary, at: destination, source: source, kind: .regular)
    }

    // MARK: Directories, symlinks and other non-regular entries

    /// The entry itself is moved; a symlink is never followed.
    private func placeEntry(
        _ source: String, kind: FileMoverPOSIX.Kind, at destination: String
    ) throws(ArchiveError) -> PlaceOutcome {
        if !forceCopy {
            let code = FileMoverPOSIX.renameNoReplace(source, destination)
            switch code {
            case 0:
                try FileMoverPOSIX.fsyncDirectory(FileMoverPOSIX.parent(of: destination))
                try FileMoverPOSIX.fsyncDirectory(FileMoverPOSIX.parent(of: source))
                return .moved
            case EEXIST, ENOTEMPTY: return try resolveExisting(source, kind: kind, destination)
            case EXDEV: break
            default: throw .fileSystem(operation: "rename", path: destination, errno: code)
            }
        }
        if FileMoverPOSIX.isTaken(destination) { return try resolveExisting(source, kind: kind, destination) }
        let temporary = Self.temporaryPath(for: destination)
        try FileMoverPOSIX.removeTree(temporary)
        do throws(ArchiveError) {
            try FileMoverPOSIX.copyEntry(from: source, toNew: temporary)
        } catch {
            try? FileMoverPOSIX.removeTree(temporary)
            throw error
        }
        return try publish(temporary, at: destination, source: source, kind: kind)
    }

    // MARK: Shared steps

    /// Gives the finished temporary copy its real name without replacing anything, then removes the
    /// source. `link` is tried first for files; `rename` covers filesystems without hard links.
    private func publish(
        _ temporary: String, at destination: String, source: String, kind: FileMoverPOSIX.Kind
    ) throws(ArchiveError) -> PlaceOutcome {
        var code = FileMoverPOSIX.hardLink(temporary, destination)
        if code == 0 {
            try FileMoverPOSIX.removeEntry(temporary)
        } else if code != EEXIST {
            code = FileMoverPOSIX.renameNoReplace(temporary, destination)
        }
        switch code {
        case 0:
            return try finishMove(removing: source, kind: kind, publishedAt: destination)
        case EEXIST, ENOTEMPTY:
            try FileMoverPOSIX.removeTree(temporary)
            return try resolveExisting(source, kind: kind, destination)
        default:
            try? FileMoverPOSIX.removeTree(temporary)
            throw .fileSystem(operation: "rename", path: destination, errno: code)
        }
    }

    /// Makes the new name durable before the old one disappears.
    private func finishMove(
        removing source: String, kind: FileMoverPOSIX.Kind, publishedAt destination: String
    ) throws(ArchiveError) -> PlaceOutcome {
        try FileMoverPOSIX.fsyncDirectory(FileMoverPOSIX.parent(of: destination))
        try removeSource(source, kind: kind)
        try FileMoverPOSIX.fsyncDirectory(FileMoverPOSIX.parent(of: source))
        return .moved
    }

    /// Something already has the destination name: identical content means an earlier move was
    /// interrupted after publishing, so only the source is left to remove.
    private func resolveExisting(
        _ source: String, kind: FileMoverPOSIX.Kind, _ destination: String
    ) throws(ArchiveError) -> PlaceOutcome {
        guard try FileMoverPOSIX.sameEntry(source, destination) else {
            throw .destinationTaken(path: destination)
        }
        try removeSource(source, kind: kind)
        try FileMoverPOSIX.fsyncDirectory(FileMoverPOSIX.parent(of: source))
        return .alreadyThere
    }

    /// Only a directory source is removed recursively: if the name was swapped for a directory
    /// after a file was copied, plain unlink fails instead of deleting a tree nobody copied.
    private func removeSource(_ source: String, kind: FileMoverPOSIX.Kind) throws(ArchiveError) {
        if kind == .directory {
            try FileMoverPOSIX.removeTree(source)
        } else {
            try FileMoverPOSIX.removeEntry(source)
        }
    }

    /// Hidden, in the destination directory (same filesystem, so publishing it is a link or rename).
    static func temporaryPath(for destination: String) -> String {
        let name = (destination as NSString).lastPathComponent
        return FileMoverPOSIX.parent(of: destination) + "/." + name + ".parkwatch-tmp"
    }

    /// Same name in the same directory (compared by device and inode, so differently spelled paths
    /// to one directory are recognised).
    private func isSameDirectoryEntry(_ first: String, _ second: String) throws(ArchiveError) -> Bool {
        guard (first as NSString).lastPathComponent == (second as NSString).lastPathComponent else { return false }
        var parentA = stat(), parentB = stat()
        let pathA = FileMoverPOSIX.parent(of: first), pathB = FileMoverPOSIX.parent(of: second)
        guard stat(pathA, &parentA) == 0 else { throw .fileSystem(operation: "stat", path: pathA, errno: errno) }
        guard stat(pathB, &parentB) == 0 else { throw .fileSystem(operation: "stat", path: pathB, errno: errno) }
        return parentA.st_dev == parentB.st_dev && parentA.st_ino == parentB.st_ino
    }
}
