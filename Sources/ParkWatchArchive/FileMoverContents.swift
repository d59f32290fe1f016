import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copying, comparing and removing file contents and whole entries, for the paths where a plain
/// `link` or `rename` cannot be used (another filesystem, or a crash left two copies).
extension FileMoverPOSIX {
    private static let chunkSize = 1 << 20
    /// Deeper trees are treated as different rather than risking the stack on hostile input.
    private static let maxCompareDepth = 64

    /// Opens an existing file for reading without following a symlink or blocking on a FIFO.
    private static func openForReading(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    }

    /// Copies a regular file to a new name (O_EXCL), keeping mode and times, and fsyncs it.
    /// On failure the partial copy is removed.
    static func copyRegularFile(from source: String, toNew destination: String) throws(ArchiveError) {
        let input = openForReading(source)
        guard input >= 0 else { throw failure("open", source) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { throw failure("fstat", source) }
        guard kind(of: info) == .regular else { throw failure("open", source, EINVAL) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw failure("open", destination) }
        var problem: ArchiveError?
        do throws(ArchiveError) {
            try copyBytes(from: input, to: output, source: source, destination: destination)
            _ = fchmod(output, info.st_mode & 0o7777)
            var times = [info.st_atim, info.st_mtim]
            _ = futimens(output, &times)  // keeping mtime is a courtesy, not a requirement
            guard fsync(output) == 0 else { throw failure("fsync", destination) }
        } catch {
            problem = error
        }
        // close exactly once: the descriptor is gone even when close reports an error.
        if close(output) != 0, problem == nil { problem = failure("close", destination) }
        if let problem {
            unlink(destination)
            throw problem
        }
    }

    private static func copyBytes(from input: Int32, to output: Int32, source: String, destination: String) throws(ArchiveError) {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try readChunk(input, into: &buffer, path: source)
            if count == 0 { return }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", destination)
                }
                written += result
            }
        }
    }

    /// Fills `buffer` as far as the file allows; returns fewer bytes only at end of file.
    private static func readChunk(_ descriptor: Int32, into buffer: inout [UInt8], path: String) throws(ArchiveError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let result = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }

    /// Byte-identical regular files (or the same inode). Anything that is not a regular file,
    /// including a symlink at either path, is "not identical".
    static func sameContent(_ first: String, _ second: String) throws(ArchiveError) -> Bool {
        let a = openForReading(first)
        guard a >= 0 else { if errno == ELOOP { return false }; throw failure("open", first) }
        defer { close(a) }
        let b = openForReading(second)
        guard b >= 0 else { if errno == ELOOP { return false }; throw failure("open", second) }
        defer { close(b) }
        var infoA = stat(), infoB = stat()
        guard fstat(a, &infoA) == 0, fstat(b, &infoB) == 0 else { throw failure("fstat", second) }
        guard kind(of: infoA) == .regular, kind(of: infoB) == .regular else { return false }
        if infoA.st_dev == infoB.st_dev && infoA.st_ino == infoB.st_ino { return true }
        guard infoA.st_size == infoB.st_size else { return false }
        var bufferA = [UInt8](repeating: 0, count: chunkSize), bufferB = bufferA
        while true {
            let countA = try readChunk(a, into: &bufferA, path: first)
            let countB = try readChunk(b, into: &bufferB, path: second)
            guard countA == countB, bufferA[0..<countA] == bufferB[0..<countB] else { return false }
            if countA == 0 { return true }
        }
    }

    /// Copies a symlink as a symlink, or a directory tree entry by entry (never following links),
    /// to a new name. FIFOs inside a tree are recreated; sockets and devices cannot be copied.
    static func copyEntry(from source: String, toNew destination: String) throws(ArchiveError) {
        guard let info = try entryStatus(source) else { throw failure("lstat", source, ENOENT) }
        switch kind(of: info) {
        case .regular:
            try copyRegularFile(from: source, toNew: destination)
        case .symlink:
            let target = try readLink(source)
            guard symlink(target, destination) == 0 else { throw failure("symlink", destination) }
        case .directory:
            guard mkdir(destination, 0o700) == 0 else { throw failure("mkdir", destination) }
            for name in try directoryEntries(source) {
                try copyEntry(from: source + "/" + name, toNew: destination + "/" + name)
            }
            try fsyncDirectory(destination)
            guard chmod(destination, info.st_mode & 0o7777) == 0 else { throw failure("chmod", destination) }
        case .other("fifo"):
            guard mkfifo(destination, info.st_mode & 0o7777) == 0 else { throw failure("mkfifo", destination) }
        case .other:
            throw failure("copy", source, ENOTSUP)
        }
    }

    /// Same kind, same bytes, same link targets, same names all the way down.
    static func sameEntry(_ first: String, _ second: String, depth: Int = 0) throws(ArchiveError) -> Bool {
        guard depth < maxCompareDepth,
              let infoA = try entryStatus(first), let infoB = try entryStatus(second),
              kind(of: infoA) == kind(of: infoB) else { return false }
        switch kind(of: infoA) {
        case .regular:
            return try sameContent(first, second)
        case .symlink:
            return try readLink(first) == readLink(second)
        case .directory:
            let names = try directoryEntries(first)
            guard try names == directoryEntries(second) else { return false }
            for name in names where try !sameEntry(first + "/" + name, second + "/" + name, depth: depth + 1) {
                return false
            }
            return true
        case .other:
            return infoA.st_dev == infoB.st_dev && infoA.st_ino == infoB.st_ino
        }
    }

    /// `rm -r` that never follows a symlink: a link inside the tree is removed, not its target.
    static func removeTree(_ path: String) throws(ArchiveError) {
        guard let info = try entryStatus(path) else { return }
        guard kind(of: info) == .directory else { return try removeEntry(path) }
        for name in try directoryEntries(path) {
            try removeTree(path + "/" + name)
        }
        guard rmdir(path) == 0 else { throw failure("rmdir", path) }
    }
}
