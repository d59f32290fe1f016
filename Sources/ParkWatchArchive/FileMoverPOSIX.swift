import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX calls `FileMover` needs, each mapping failure to
/// `ArchiveError.fileSystem` with the operation and path that failed.
enum FileMoverPOSIX {
    enum Kind: Equatable { case regular, directory, symlink, other(String) }

    static func failure(_ operation: String, _ path: String, _ code: Int32 = errno) -> ArchiveError {
        .fileSystem(operation: operation, path: path, errno: code)
    }

    static func kind(of info: stat) -> Kind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symlink
        case S_IFIFO: .other("fifo")
        case S_IFSOCK: .other("socket")
        case S_IFCHR: .other("character device")
        case S_IFBLK: .other("block device")
        default: .other("unknown")
        }
    }

    /// lstat: never follows a symlink. Nil when nothing has that name.
    static func entryStatus(_ path: String) throws(ArchiveError) -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw failure("lstat", path)
    }

    /// `mkdir -p`, fsyncing each parent that gained a directory so the new path survives a crash.
    static func makeDirectories(_ path: String) throws(ArchiveError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw failure("mkdir", path, ENOTDIR) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) == 0 {
            try fsyncDirectory(parent.isEmpty ? "." : parent)
        } else if errno != EEXIST {
            throw failure("mkdir", path)
        }
    }

    /// Makes a directory's entries (a new link, a removed name) durable.
    static func fsyncDirectory(_ path: String) throws(ArchiveError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        // Some filesystems cannot sync directories; there is nothing more we can do there.
        if fsync(descriptor) != 0, errno != EINVAL, errno != ENOTSUP {
            throw failure("fsync", path)
        }
    }

    static func parent(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Returns 0 or the errno of `link`, which never replaces an existing name.
    static func hardLink(_ source: String, _ destination: String) -> Int32 {
        link(source, destination) == 0 ? 0 : errno
    }

    static func removeEntry(_ path: String) throws(ArchiveError) {
        guard unlink(path) == 0 else { throw failure("unlink", path) }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameNoReplaceFlag: UInt32 = 1  // RENAME_NOREPLACE, not exported by Swift's Glibc

    /// glibc has renameat2 since 2.28, but Swift's Glibc module does not export it.
    private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2")
        .map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Rename that fails with EEXIST instead of replacing. Uses RENAME_NOREPLACE where the kernel and
    /// filesystem support it; otherwise checks first, which leaves only a tiny race with another
    /// writer of the same archive name. Returns 0 or an errno.
    static func renameNoReplace(_ source: String, _ destination: String) -> Int32 {
        if let renameAt2 {
            if renameAt2(AT_FDCWD, source, AT_FDCWD, destination, renameNoReplaceFlag) == 0 { return 0 }
            let code = errno
            guard code == EINVAL || code == ENOSYS else { return code }
        }
        var info = stat()
        if lstat(destination, &info) == 0 { return EEXIST }
        return rename(source, destination) == 0 ? 0 : errno
    }

    /// The raw target bytes: a target need not be UTF-8 and must be recreated exactly.
    static func readLink(_ path: String) throws(ArchiveError) -> [CChar] {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { throw failure("readlink", path) }
        return Array(buffer[0...length])  // keeps the terminating NUL for symlink(2)
    }

    /// Names in a directory, without `.` and `..`. A name that is not UTF-8 cannot be carried through
    /// Swift strings unchanged, so it fails the listing (EILSEQ) instead of being silently altered.
    static func directoryEntries(_ path: String) throws(ArchiveError) -> [String] {
        guard let directory = opendir(path) else { throw failure("opendir", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validating: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let name else { throw failure("readdir", path, EILSEQ) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}

extension FileMoverPOSIX {
    /// Whether any entry (even a dangling symlink) has this name; unknown counts as taken.
    static func isTaken(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 || errno != ENOENT
    }
}
