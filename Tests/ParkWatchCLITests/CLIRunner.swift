import Foundation
import ParkWatchTestSupport

/// Runs the built `parkwatch` binary as a user would, from a working directory of the test's choosing.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// Beside the test bundle, where `swift test` builds it.
    static let binary: URL = {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var folder = me.deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("parkwatch").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("parkwatch")
    }()

    var directory: URL
    var environment: [String: String] = ["PARKWATCH_MODEL": TestResources.model]

    func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    func run(_ arguments: String...) async throws -> Result { try await run(arguments) }

    /// Waits for the command on a thread of its own: a blocking wait on a task thread would hold
    /// one of the few cooperative threads (two on a 2-core machine) for as long as the command
    /// runs, and the servers other tests start in this process would stop answering.
    func run(_ arguments: [String]) async throws -> Result {
        let (process, out, err) = try start(arguments)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let stdout = Self.drain(out)
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: Result(
                    status: process.terminationStatus, stdout: String(decoding: stdout.wait(), as: UTF8.self),
                    stderr: String(decoding: stderr, as: UTF8.self)))
            }
        }
    }

    /// Waits for a started command to end, on a thread of its own for the reason `run` gives.
    static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    /// Everything a started command writes to `pipe`, as it arrives: for a test that waits on a log
    /// line (a ready signal) while the command runs.
    static func follow(_ pipe: Pipe) -> PipeText {
        let text = PipeText()
        Thread.detachNewThread {
            while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty { text.append(chunk) }
        }
        return text
    }

    /// Reads a pipe to its end on another thread, so a command that fills one pipe while the
    /// other is being read never stalls.
    private static func drain(_ pipe: Pipe) -> PipeContents {
        let contents = PipeContents()
        Thread.detachNewThread { contents.finish(pipe.fileHandleForReading.readDataToEndOfFile()) }
        return contents
    }
}

/// One pipe's bytes, handed from the thread that read them to the one that waits for them.
private final class PipeContents: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    func finish(_ bytes: Data) {
        condition.lock()
        data = bytes
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}

/// A pipe's text so far, appended by the thread that reads it.
final class PipeText: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    func append(_ chunk: Data) { lock.withLock { bytes.append(chunk) } }
}
