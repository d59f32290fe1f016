import Foundation
import ParkWatchTestSupport
import Testing

/// `parkwatch watch` with an `mqtt:` section, against Debian's Mosquitto broker: subscribers learn
/// the service went away whether it was killed (the broker sends its last will) or stopped.
@Suite struct MQTTServiceTests {
    @Test func theBrokerSaysOfflineWhenTheServiceDiesAndWhenItStops() async throws {
        let folder = try TemporaryFolder("cli-mqtt")
        let broker = try await MosquittoBroker(in: folder.url)
        defer { broker.stop() }
        try Data("mqtt:\n  url: mqtt://127.0.0.1:\(broker.port)\n  prefix: pw\n".utf8).write(to: folder.path("parkwatch.yaml"))
        let cli = CLIRunner(directory: folder.url)
        let watch = { (log: String) in
            try BackgroundProcess(CLIRunner.binary.path, ["watch", "--config", "parkwatch.yaml"], log: folder.path(log),
                                  directory: folder.url, environment: cli.environment)
        }

        let killed = try MQTTSubscription(port: broker.port, topics: ["pw/status"], count: 2, in: folder.url)
        let first = try watch("watch1.log")
        let online = await eventually(within: liveDeadline) { killed.lines.count == 1 }
        #expect(online, "no status: \((try? String(contentsOf: folder.path("watch1.log"), encoding: .utf8)) ?? "")")
        first.stop(killing: true)
        #expect(await killed.finished() == ["pw/status online", "pw/status offline"])

        // Retained `offline` first, then this run's `online`, then its `offline` on SIGTERM.
        let stopped = try MQTTSubscription(port: broker.port, topics: ["pw/status"], count: 3, in: folder.url)
        let second = try watch("watch2.log")
        let backOnline = await eventually(within: liveDeadline) { stopped.lines.count == 2 }
        #expect(backOnline)
        second.stop()
        #expect(await stopped.finished() == ["pw/status offline", "pw/status online", "pw/status offline"])
    }
}
