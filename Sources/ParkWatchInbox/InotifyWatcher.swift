import Foundation
import Glibc
import Synchronization

/// What the watcher reports.
enum InboxEvent: Sendable, Equatable {
    /// An entry worth processing: a file closed after writing or renamed in, or a directory or
    /// symlink dropped into a camera folder (bad input, to be rejected).
    case candidate(URL)
    /// A new camera folder: it is watched from now on, and whatever is already in it must be scanned.
    case folderAppeared(URL)
    /// The kernel queue overflowed: events were lost, so everything must be rescanned.
    case overflow
}

/// inotify on the inbox and each camera folder below it (one level: camera folders are not recursive).
final class InotifyWatcher: Sendable {
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR | IN_EXCL_UNLINK)

    private let fd: Int32
    private let root: URL
    private let folders = Mutex<[Int32: URL]>([:])
    private let stopped = Atomic<Bool>(false)

    /// Watches `root` and the camera folders already in it; fails if `root` cannot be watched.
    init(root: URL) throws(InboxError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .watchFailed(path: root.path, errno: errno) }
        self.fd = fd
        self.root = root.standardizedFileURL
        try watch(self.root)
        for folder in Self.subfolders(of: self.root) { try? watch(folder) }
    }

    deinit { close(fd) }

    func watch(_ folder: URL) throws(InboxError) {
        let descriptor = inotify_add_watch(fd, folder.path, Self.mask)
        guard descriptor >= 0 else { throw .watchFailed(path: folder.path, errno: errno) }
        folders.withLock { $0[descriptor] = folder }
    }

    /// Events until the consumer stops listening. The read loop runs on its own thread: it blocks in poll().
    func events() -> AsyncStream<InboxEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: InboxEvent.self, bufferingPolicy: .unbounded)
        continuation.onTermination = { [self] _ in stopped.store(true, ordering: .relaxed) }
        let thread = Thread { [self] in
            readLoop { continuation.yield($0) }
            continuation.finish()
        }
        thread.name = "parkwatch-inotify"
        thread.start()
        return stream
    }

    private func readLoop(_ emit: (InboxEvent) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.load(ordering: .relaxed) {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 200) > 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { continue }
            for raw in RawInotifyEvent.parse(buffer[0..<count]) {
                if let event = interpret(raw) { emit(event) }
            }
        }
    }

    private func interpret(_ raw: RawInotifyEvent) -> InboxEvent? {
        if raw.mask & UInt32(IN_Q_OVERFLOW) != 0 { return .overflow }
        if raw.mask & UInt32(IN_IGNORED) != 0 {
            folders.withLock { _ = $0.removeValue(forKey: raw.descriptor) }
            return nil
        }
        guard !raw.name.isEmpty, !InboxNames.isIgnored(raw.name),
              let folder = folders.withLock({ $0[raw.descriptor] }) else { return nil }
        let url = folder.appendingPathComponent(raw.name)
        let arrived = raw.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        if raw.mask & UInt32(IN_ISDIR) != 0 {
            guard arrived else { return nil }
            guard folder == root else { return .candidate(url) }
            try? watch(url)
            return .folderAppeared(url)
        }
        if raw.mask & UInt32(IN_CREATE) != 0 {
            // A regular file is reported when closed; other entries (symlinks, fifos) never are.
            return InboxEntry.inspect(url)?.kind == .regular ? nil : .candidate(url)
        }
        return .candidate(url)
    }

    private static func subfolders(of root: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !InboxNames.isIgnored($0) }
            .map { root.appendingPathComponent($0) }
            .filter { InboxEntry.inspect($0)?.kind == .directory }
    }
}

/// One `struct inotify_event` decoded from the kernel's byte stream.
struct RawInotifyEvent: Equatable {
    var descriptor: Int32
    var mask: UInt32
    var name: String

    static func parse(_ bytes: ArraySlice<UInt8>) -> [RawInotifyEvent] {
        var events: [RawInotifyEvent] = []
        var offset = bytes.startIndex
        let header = 16
        while offset + header <= bytes.endIndex {
            let descriptor = Int32(bitPattern: word(bytes, offset))
            let mask = word(bytes, offset + 4)
            let length = Int(word(bytes, offset + 12))
            let nameEnd = min(offset + header + length, bytes.endIndex)
            let nameBytes = bytes[(offset + header)..<nameEnd].prefix { $0 != 0 }
            events.append(RawInotifyEvent(descriptor: descriptor, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
            offset = nameEnd
        }
        return events
    }

    private static func word(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }
}
