import Foundation
import ParkWatchTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A server process the test starts on loopback: Debian's ffmpeg serving a video as an HTTP MJPEG
/// stream (looping, at real-time speed), or Python's http.server serving snapshot files.
/// Its output goes to a log file, never to a pipe nobody reads.
final class FFmpegServer {
    static let executable: String? = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    private let process: BackgroundProcess

    convenience init(video: String, port: Int, log: URL) throws {
        guard let executable = Self.executable else { throw ServerError.ffmpegMissing }
        try self.init(executable: executable, arguments: [
            "-nostdin", "-loglevel", "warning", "-re", "-stream_loop", "-1", "-i", video,
            "-f", "mpjpeg", "-q:v", "5", "-listen", "1", "http://127.0.0.1:\(port)/",
        ], log: log)
    }

    /// Serves the files of `directory` over HTTP.
    convenience init(files directory: URL, port: Int, log: URL) throws {
        guard let python = Self.python else { throw ServerError.pythonMissing }
        try self.init(executable: python, arguments: [
            "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", directory.path,
        ], log: log)
    }

    init(executable: String, arguments: [String], log: URL) throws {
        process = try BackgroundProcess(executable, arguments, log: log)
    }

    /// SIGKILL, as a crash or a pulled cable would stop it, then reaps it.
    func stop() { process.stop(killing: true) }

    enum ServerError: Error { case ffmpegMissing, pythonMissing, noFreePort }

    /// Whether something accepts connections on the loopback `port` within 10 s.
    static func waitUntilListening(port: Int) async throws -> Bool {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// A loopback port nothing listens on right now.
    static func freePort() throws -> Int { try LoopbackPort.free() }
}

/// A loopback socket that listens and never answers: the kernel completes each connection, no byte follows.
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, ready else {
            port = 0
            throw FFmpegServer.ServerError.noFreePort
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}
