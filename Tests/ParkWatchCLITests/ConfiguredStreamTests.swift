import Foundation
import ParkWatchTestSupport
import Testing

/// A camera with `stream:` in the configuration is read by `watch` beside the inbox, as a user
/// deploys it: a snapshot URL served by a process the test starts.
@Suite struct ConfiguredStreamTests {
    @Test func watchReadsAConfiguredSnapshotCameraBesideTheInbox() async throws {
        let folder = try TemporaryFolder("cli-config-stream")
        let www = try folder.folder("www")
        let frame = try #require(TestResources.pklotDay0.first)
        try FileManager.default.copyItem(at: frame, to: www.appendingPathComponent("snap.jpg"))
        let port = try LoopbackPort.free()
        let server = try BackgroundProcess("/usr/bin/python3", ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", www.path],
                                           log: folder.path("http.log"))
        defer { server.stop() }
        try Data("""
            cameras:
              gate:
                stream: snapshot+http://127.0.0.1:\(port)/snap.jpg
                every: 1
            """.utf8).write(to: folder.path("parkwatch.yaml"))
        let cli = CLIRunner(directory: folder.url)
        let watcher = try BackgroundProcess(CLIRunner.binary.path, ["watch", "--config", "parkwatch.yaml"], log: folder.path("watch.log"),
                                            directory: folder.url, environment: cli.environment)
        defer { watcher.stop() }
        var rows: [[String: Any]] = []
        let online = await eventually(within: liveDeadline) {
            guard let status = try? await cli.run("status", "--json"), status.status == 0 else { return false }
            rows = (try? status.json() as? [[String: Any]]) ?? []
            return rows.first?["state"] as? String == "online" && rows.first?["last_reading_at"] is String
        }
        let log = (try? String(contentsOf: folder.path("watch.log"), encoding: .utf8)) ?? ""
        #expect(online, "status: \(rows); watch log: \(log)")
        #expect(rows.first?["camera"] as? String == "gate")
        let history = try await cli.run("history", "--json")
        let photos = try #require(try history.json() as? [[String: Any]])
        #expect(!photos.isEmpty && photos.allSatisfy { $0["camera"] as? String == "gate" && ($0["vehicles"] as? Int ?? -1) >= 0 })
    }
}
