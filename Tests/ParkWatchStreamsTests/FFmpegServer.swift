import Foundation
import ParkWatchTestSupport

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

    enum ServerError: Error { case ffmpegMissing, pythonMissing }
}
