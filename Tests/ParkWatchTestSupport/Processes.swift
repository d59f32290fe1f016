import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process started for a test, its output in a file (never a pipe nobody reads: a child that
/// keeps it open would block the reader forever), stopped and reaped at the end. Spawned and
/// reaped with posix_spawn and waitpid, with default signal handling restored: the test process
/// ignores SIGTERM (swift-service-lifecycle catches it through a dispatch source), and a child
/// inheriting that would never stop when told to.
public final class BackgroundProcess: @unchecked Sendable {
    private let pid: pid_t
    private var reaped = false
    private let lock = NSLock()

    public init(
        _ executable: String, _ arguments: [String], log: URL, input: URL? = nil, directory: URL? = nil, environment: [String: String] = [:]
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        // GNU env changes directory for the child (glibc's spawn chdir is not visible to Swift here).
        let command = directory.map { ["/usr/bin/env", "-C", $0.path, executable] } ?? [executable]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child = pid_t()
        let result = withCStrings(command + arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&child, command[0], &actions, &attributes, argv, envp) }
        }
        guard result == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable]) }
        pid = child
    }

    public var isRunning: Bool {
        lock.withLock { !reaped && waitpid(pid, nil, WNOHANG) == 0 }
    }

    /// Waits for the process to end by itself; its exit status (128 + signal if a signal ended it).
    public func waitForExit() -> Int32 {
        lock.withLock {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped = true
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }

    /// `waitForExit` on a thread of its own: no thread of Swift's cooperative pool is held meanwhile.
    public func exited() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.waitForExit()) }.start()
        }
    }

    /// SIGTERM, or SIGKILL as a crash or a pulled cable would stop it; then reaps it.
    public func stop(killing: Bool = false) {
        lock.withLock {
            guard !reaped else { return }
            kill(pid, killing ? SIGKILL : SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped = true
        }
    }

    deinit { stop() }
}

/// Runs `body` with a NULL-terminated C array of the strings, valid only inside `body`.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
    var pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    pointers.append(nil)
    return body(pointers)
}

/// Loopback TCP ports for servers a test starts.
public enum LoopbackPort {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// A port the kernel just handed out (free a moment ago).
    public static func free() throws -> Int {
        let socket = try LoopbackSocket(port: 0, listening: false)
        return socket.port
    }

    /// Whether nothing holds `port` right now.
    public static func isFree(_ port: Int) -> Bool { (try? LoopbackSocket(port: port, listening: false)) != nil }

    /// Whether something accepts connections on `port` within 10 s.
    public static func waitUntilListening(_ port: Int) async throws -> Bool {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopbackAddress(port)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    static func loopbackAddress(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// A TCP socket bound on loopback, closed when the value goes away. Listening, it is a server that
/// never answers: the kernel completes each connection and no byte follows.
public final class LoopbackSocket: @unchecked Sendable {
    public let port: Int
    private let fd: Int32

    public init(port: Int = 0, listening: Bool = true) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = LoopbackPort.loopbackAddress(port)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        let ready = fd >= 0 && withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && (!listening || listen(fd, 16) == 0) && getsockname(fd, $0, &length) == 0
            }
        }
        guard ready else {
            if fd >= 0 { close(fd) }
            throw LoopbackPort.Unavailable(description: "loopback port \(port) is taken")
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// The repository's Python tools (`tools/…`), run with Debian's python3 as the docs run them.
public enum RepositoryTool {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `tools/<path>` with `arguments`, its output in `log`; throws with that output when it fails.
    public static func run(_ path: String, _ arguments: [String], log: URL) async throws {
        let script = TestResources.packageRoot.appendingPathComponent("tools/\(path)").path
        let status = try await BackgroundProcess("/usr/bin/python3", [script] + arguments, log: log).exited()
        guard status == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failed(description: "\(path) exited with \(status) (make test installs python3-opencv): \(output)")
        }
    }
}
