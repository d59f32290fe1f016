import Foundation
import Glibc
import ParkWatchImageFiles

/// What a directory entry in the inbox is, read with lstat so a symlink is never followed.
struct InboxEntry: Sendable, Equatable {
    enum Kind: String, Sendable { case regular = "regular file", directory, symlink = "symbolic link", other = "special file" }

    var kind: Kind
    var size: Int
    var modified: Date

    /// nil when the entry is gone (already handled, or removed by its writer).
    static func inspect(_ url: URL) -> InboxEntry? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        return InboxEntry(kind: kind(of: info.st_mode), size: Int(info.st_size), modified: modified)
    }

    private static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symlink
        default: .other
        }
    }
}

/// The bytes of a regular file and their sha256, the identity that makes a photo count once.
struct PhotoContent: Sendable {
    var data: Data
    var sha256: String

    static func read(_ url: URL) throws(InboxError) -> PhotoContent {
        let data = try readAll(url.path)
        return PhotoContent(data: data, sha256: ImageFolder.sha256(data))
    }

    /// O_NOFOLLOW: an entry swapped for a symlink after lstat is refused, not followed.
    private static func readAll(_ path: String) throws(InboxError) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw .fileSystem(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileSystem(operation: "read", path: path, errno: errno)
            }
            data.append(buffer, count: count)
        }
    }
}
