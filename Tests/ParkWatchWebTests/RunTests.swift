import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ParkWatchInbox
import ParkWatchTestSupport
import ParkWatchWeb
import ServiceLifecycle
import Testing

/// Watcher and server in one service group, as `parkwatch run` runs them, over a real socket:
/// a photo uploaded over HTTP goes through the real pipeline and its result comes back.
@Suite(.serialized) struct RunTests {
    @Test func anUploadGoesThroughTheWatcherAndItsResultComesBack() async throws {
        let fixture = try PipelineFixture()
        let logger = Logger(label: "run-test")
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let watcher = try InboxPipeline.buildService(fixture.watch, logger: logger)
        // Hundreds of tests share two cores: a 1 MB upload may stall longer than the default idle
        // timeout between its parts, and the server would drop it. This test is about the pipeline.
        var web = fixture.web
        web.idleTimeout = 120
        let app = WebApp.buildApplication(source: .node(try fixture.store()), settings: web, logger: logger) { portSink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [.init(service: watcher), .init(service: app)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try await iterator.next().unwrapped("port")
            let base = URL(string: "http://127.0.0.1:\(port)")!
            try await uploadAndFollow(base: base)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    private func uploadAndFollow(base: URL) async throws {
        let frame = try TestResources.pklotDay1.last.unwrapped("frame")
        var upload = URLRequest(url: base.appendingPathComponent("api/photos").appending(queryItems: [.init(name: "camera", value: "cam1")]))
        upload.httpMethod = "POST"
        upload.setValue("image/png", forHTTPHeaderField: "Content-Type")
        let (accepted, response) = try await URLSession.shared.upload(for: upload, from: try Data(contentsOf: frame))
        #expect((response as? HTTPURLResponse)?.statusCode == 202)
        let id = try (JSONSerialization.jsonObject(with: accepted) as? [String: Any])?["id"] as? String
        #expect(id == SHA256.hash(data: try Data(contentsOf: frame)).map { String(format: "%02x", $0) }.joined())
        var result: [String: Any] = [:]
        let processed = await eventually(within: liveDeadline) {
            guard let (body, answer) = try? await URLSession.shared.data(from: base.appendingPathComponent("api/photos/\(id ?? "")")),
                  (answer as? HTTPURLResponse)?.statusCode == 200 else { return false }
            result = (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
            return true
        }
        #expect(processed)
        #expect(result["status"] as? String == "ok" && (result["vehicles"] as? Int ?? 0) > 5)
        let spaces = result["spaces"] as? [String: Any]
        #expect(spaces?["total"] as? Int == 40 && (spaces?["occupied"] as? Int ?? 0) > 0)
        let (statusBody, _) = try await URLSession.shared.data(from: base.appendingPathComponent("api/lots/ufpr05/status"))
        let status = try JSONSerialization.jsonObject(with: statusBody) as? [String: Any]
        #expect(status?["total"] as? Int == 40 && status?["stale"] as? Bool == false)
    }
}
