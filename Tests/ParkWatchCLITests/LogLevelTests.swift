import Foundation
import Testing
import ParkWatchTestSupport

/// `log_level` in the configuration decides what reaches standard error.
@Suite struct LogLevelTests {
    @Test(arguments: [("warning", false), ("debug", true)])
    func theConfiguredLevelFiltersTheLog(level: String, showsInfo: Bool) async throws {
        let folder = try TemporaryFolder("log-level")
        try Data("log_level: \(level)\n".utf8).write(to: folder.path("parkwatch.yaml"))
        let camera = try folder.folder("inbox/cam1")
        let runner = CLIRunner(directory: folder.url)
        let (watcher, _, stderr) = try runner.start(["watch", "--config", "parkwatch.yaml"])
        defer { if watcher.isRunning { watcher.terminate() } }
        #expect(await eventually(within: liveDeadline) { FileManager.default.fileExists(atPath: folder.path("parkwatch.sqlite").path) })
        try Data("not a photo".utf8).write(to: camera.appendingPathComponent("garbage.jpg"))
        #expect(await eventually(within: liveDeadline) { folder.files(under: "inbox").isEmpty })
        watcher.terminate()
        await CLIRunner.waitForExit(watcher)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("warning") && log.contains("rejected"), "\(log)")  // the rejection, at warning
        #expect(log.contains("watching") == showsInfo, "\(log)")  // the start, at info
    }
}
