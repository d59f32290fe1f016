import Foundation

/// Puts an uploaded photo into `inbox/<camera>/` the way a careful uploader would: written under
/// a temporary name the watcher ignores (`InboxNames.isIgnored`, checked here, not promised in a
/// comment), flushed, then renamed into place, so the watcher only ever sees a complete file and
/// the same pipeline handles it as any other photo.
///
/// Nothing the client sent becomes part of a path: the camera id is checked against the known
/// cameras before it gets here, and both names are made up here. They are letters only, so the
/// capture-time reader finds no timestamp in them and uses EXIF or the upload time.
package struct InboxDrop: Sendable {
    let inbox: URL

    package init(inbox: URL) {
        self.inbox = inbox
    }

    /// Writes `data` and returns the final path.
    package func put(_ data: Data, camera: String, fileExtension: String) throws -> URL {
        let folder = inbox.appendingPathComponent(camera, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(Self.temporaryName())
        try Self.writeSynced(data, to: temporary)
        // A rename, not a link: the watcher acts on IN_MOVED_TO. The name is random (26^12
        // choices) and checked first, so a photo still waiting in the inbox is never replaced.
        var final = folder.appendingPathComponent("upload-\(Self.randomLetters()).\(fileExtension)")
        while FileManager.default.fileExists(atPath: final.path) {
            final = folder.appendingPathComponent("upload-\(Self.randomLetters()).\(fileExtension)")
        }
        guard rename(temporary.path, final.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        return final
    }

    private static func writeSynced(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var written = 0
        try data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    unlink(url.path)
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                written += result
            }
        }
        guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// A name the watcher never picks up while the upload is being written.
    static func temporaryName() -> String {
        let name = ".upload-\(randomLetters()).part"
        precondition(InboxNames.isIgnored(name), "the watcher must ignore an upload being written")
        return name
    }

    static func randomLetters(_ count: Int = 12) -> String {
        String((0..<count).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
    }
}
