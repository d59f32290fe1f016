import Foundation
import Testing
import ParkWatchTestSupport

/// The "done when", as a new user does it: `parkwatch watch` on the defaults, the five
/// PKLot day-1 frames and a garbage file copied into `inbox/cam1/`, then `history` and `report`.
@Suite struct WatchEndToEndTests {
    @Test func fiveFramesAndAGarbageFileThroughTheRunningService() async throws {
        let folder = try TemporaryFolder("e2e")
        let runner = CLIRunner(directory: folder.url)
        let (watcher, _, watcherErr) = try runner.start(["watch"])
        defer { if watcher.isRunning { watcher.terminate() } }
        #expect(await eventually(within: liveDeadline) { FileManager.default.fileExists(atPath: folder.path("parkwatch.sqlite").path) })
        try await Task.sleep(for: .milliseconds(500))

        let camera = try folder.folder("inbox/cam1")
        for frame in TestResources.pklotDay1 {
            try FileManager.default.copyItem(at: frame, to: camera.appendingPathComponent(frame.lastPathComponent))
        }
        try Data("not a photo".utf8).write(to: camera.appendingPathComponent("garbage.jpg"))

        var rows: [[String: Any]] = []
        let done = await eventually(within: liveDeadline) {
            guard let result = try? await runner.run("history", "--json"), result.status == 0 else { return false }
            rows = (try? result.json() as? [[String: Any]]) ?? []
            return rows.count == 6
        }
        #expect(done, "history has \(rows.count) rows")

        let counted = rows.filter { $0["status"] as? String == "ok" }
        #expect(counted.count == 5)
        for row in counted {
            #expect(row["vehicles"] as? Int != nil)
            #expect((row["archived_path"] as? String)?.contains("/archive/2013/02/22/cam1/") == true)
            #expect(row["camera"] as? String == "cam1")
            #expect((row["captured_at"] as? String)?.hasPrefix("2013-02-22T") == true)
        }
        let rejected = try #require(rows.first { $0["status"] as? String == "rejected" })
        #expect((rejected["archived_path"] as? String)?.contains("/archive/rejected/") == true)
        #expect((rejected["error"] as? String)?.isEmpty == false)
        #expect(folder.files(under: "archive/2013/02/22/cam1").count == 5)
        #expect(folder.files(under: "inbox").isEmpty)

        watcher.interrupt()  // SIGINT; SIGTERM is covered below
        await CLIRunner.waitForExit(watcher)
        #expect(watcher.terminationStatus == 0, "\(String(decoding: watcherErr.fileHandleForReading.availableData, as: UTF8.self))")

        let report = try await runner.run("report", "--camera", "cam1", "--from", "2013-02-22", "--to", "2013-02-23", "--json")
        #expect(report.status == 0)
        let summary = try #require(try report.json() as? [String: Any])
        #expect(summary["photos"] as? Int == 5)
        let mean = counted.compactMap { $0["vehicles"] as? Int }.reduce(0, +)
        #expect(abs((summary["average_vehicles"] as? Double ?? -1) - Double(mean) / 5) < 0.01)
    }

    @Test func sigtermStopsTheServiceWithExitZero() async throws {
        let folder = try TemporaryFolder("sigterm")
        let runner = CLIRunner(directory: folder.url)
        let camera = try folder.folder("inbox/cam1")
        let (watcher, _, stderr) = try runner.start(["watch"])
        let log = CLIRunner.follow(stderr)
        // The inbox says "watching" once the service group runs, and so handles SIGTERM: a signal
        // before that meets the default action, as for any program still starting.
        #expect(await eventually(within: liveDeadline) { log.text.contains("watching") }, "\(log.text)")
        try FileManager.default.copyItem(at: try #require(TestResources.pklotDay1.first), to: camera.appendingPathComponent("a.png"))
        try await Task.sleep(for: .milliseconds(100))
        watcher.terminate()  // SIGTERM, most likely while the photo is in hand
        await CLIRunner.waitForExit(watcher)
        #expect(watcher.terminationStatus == 0, "\(log.text)")
        // The photo is either fully filed or still waiting in the inbox: never half-done.
        let inInbox = folder.files(under: "inbox").count
        let history = try await runner.run("history", "--json")
        let rows = (try? history.json() as? [[String: Any]]) ?? []
        #expect(inInbox + rows.count == 1, "inbox \(inInbox), rows \(rows.count)")
        #expect(rows.allSatisfy { FileManager.default.fileExists(atPath: $0["archived_path"] as? String ?? "") })
    }
}
