@testable import ParkWatchPipeline
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParkWatchInbox
import ParkWatchMetrics
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb
import Testing

/// `GET /metrics` over what the real pipeline did: each test records into its own registry, so
/// nothing depends on the process-wide `MetricsSystem` bootstrap.
@Suite struct MetricsTests {
    @Test func aScrapeCountsWhatThePipelineDidAndWhatWaits() async throws {
        let fixture = try PipelineFixture()
        let registry = MetricsRegistry()
        let processor = try InboxPipeline.buildProcessor(fixture.watch, metrics: PipelineMetrics(factory: registry.factory))
        let frame = try TestResources.pklotDay1.last.unwrapped("frame")
        let first = try #require(try await processor.process(drop(try Data(contentsOf: frame), as: frame.lastPathComponent, fixture)))
        let again = try #require(try await processor.process(drop(try Data(contentsOf: frame), as: "copy.png", fixture)))
        let garbage = try #require(try await processor.process(drop(Data("not a photo".utf8), as: "garbage.jpg", fixture)))
        #expect([first.outcome, again.outcome, garbage.outcome] == [.counted, .duplicate, .rejected])
        // Waiting: one in a camera folder, one straight in the inbox; an upload in progress is not.
        _ = try drop(Data("x".utf8), as: "waiting.jpg", fixture)
        try Data("y".utf8).write(to: fixture.watch.inbox.appendingPathComponent("loose.jpg"))
        try Data("z".utf8).write(to: fixture.watch.inbox.appendingPathComponent("cam1/half.jpg.part"))

        let store = try fixture.store()
        let captured = first.record.capturedAt
        let app = WebApp.buildApplication(
            source: .node(store), settings: fixture.web, clock: WebClock { captured + 90 }, metrics: registry, logger: Logger(label: "metrics-test"))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            let values = Self.samples(text)
            #expect(values[#"parkwatch_photos_total{camera="cam1",outcome="ok"}"#] == 1)
            #expect(values[#"parkwatch_photos_total{camera="cam1",outcome="duplicate"}"#] == 1)
            #expect(values[#"parkwatch_photos_total{camera="cam1",outcome="rejected"}"#] == 1)
            #expect(text.contains("# TYPE parkwatch_stage_seconds histogram"))
            // Every photo is read, stored and moved; only the counted one reaches detection.
            #expect(values[#"parkwatch_stage_seconds_count{stage="read"}"#] == 3)
            #expect(values[#"parkwatch_stage_seconds_count{stage="move"}"#] == 3)
            #expect(values[#"parkwatch_stage_seconds_count{stage="decode"}"#] == 2)
            #expect(values[#"parkwatch_stage_seconds_count{stage="detect"}"#] == 1)
            #expect(values[#"parkwatch_stage_seconds_bucket{stage="detect",le="0.001"}"#] == 0)
            #expect(values[#"parkwatch_stage_seconds_bucket{stage="detect",le="+Inf"}"#] == 1)
            let detectSum = try #require(values[#"parkwatch_stage_seconds_sum{stage="detect"}"#])
            #expect(abs(detectSum - first.timings.detect / 1000) < 0.001)
            // The camera's first photo is a full pass, all 40 spaces read: the whole frame, then on
            // this busy morning some of the 12 tiles, over the spaces the whole frame leaves in doubt.
            let passes = try #require(values[#"parkwatch_detector_passes_total{camera="cam1"}"#])
            #expect(passes > 1 && passes < 13, "\(passes) passes")
            #expect(values[#"parkwatch_spaces_total{camera="cam1"}"#] == 40 && values[#"parkwatch_spaces_reread_total{camera="cam1"}"#] == 40)
            #expect(values["parkwatch_inbox_backlog_files"] == 2)
            let age = try #require(values[#"parkwatch_last_photo_age_seconds{camera="cam1"}"#])
            #expect(abs(age - 90) < 0.01)
        }
    }

    /// `serve` apart from `watch`: nothing recorded in this process, yet the backlog and the
    /// photo ages come from the inbox and the database. Open even when the API wants a token.
    @Test func aServeOnlyScrapeStillReportsTheBacklogAndTheAges() async throws {
        let fixture = try WebFixture(token: "secret")
        try await fixture.seedReadings()
        try FileManager.default.createDirectory(at: fixture.settings.inbox.appendingPathComponent("cam2"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: fixture.settings.inbox.appendingPathComponent("cam2/a.jpg"))
        // 140 of the 144 photos have reached the central database; the 141st was received 32 minutes ago.
        var cursor = CentralCursorRecord(target: "db:5432/parkwatch#north")
        cursor.photoId = 140
        try await fixture.store.saveCentralCursor(cursor)
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let values = Self.samples(response.text)
            #expect(values["parkwatch_inbox_backlog_files"] == 1)
            #expect(values[#"parkwatch_last_photo_age_seconds{camera="cam1"}"#] == 120)
            #expect(values[#"parkwatch_last_photo_age_seconds{camera="cam2"}"#] == nil, "cam2 never sent a photo")
            #expect(!response.text.contains("parkwatch_photos_total"))
            #expect(values[#"parkwatch_central_backlog_photos{central="db:5432/parkwatch#north"}"#] == 4)
            #expect(values[#"parkwatch_central_lag_seconds{central="db:5432/parkwatch#north"}"#] == 1920)
        }
    }

    private func drop(_ data: Data, as name: String, _ fixture: PipelineFixture) throws -> Photo {
        let folder = fixture.watch.inbox.appendingPathComponent("cam1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return Photo(at: url, inbox: fixture.watch.inbox, receivedAt: Date())
    }

    /// The sample lines of a text exposition, keyed by name and labels as written.
    static func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            result[String(line[..<space])] = value
        }
        return result
    }
}
