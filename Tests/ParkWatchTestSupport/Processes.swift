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

    public init(_ executable: String, _ arguments: [String], log: URL, directory: URL? = nil, environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
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
    public static func free() throws -> Int { try bind(0) }

    /// Whether nothing holds `port` right now.
    public static func isFree(_ port: Int) -> Bool { (try? bind(port)) != nil }

    /// Binds a loopback socket to `port` (0: any), closes it and returns the port it got.
    private static func bind(_ port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "loopback port \(port) is taken") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
