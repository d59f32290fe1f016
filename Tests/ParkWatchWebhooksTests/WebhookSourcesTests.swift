import Foundation
import Logging
import ParkWatchConfig
import ParkWatchOccupancy
@testable import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport
import ParkWatchWebhooks
import Testing

/// Events written where they happen, in the same transaction, into a real SQLite file: a reading's
/// confirmed changes and lot thresholds, a refused photo, a stream camera going dark and back.
@Suite struct WebhookSourcesTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("webhooks")
    }

    let lots = WebhookConfig(url: "http://lots/", events: ["lot_full", "lot_available"], fullAt: 0.75, availableAt: 0.5)
    let spaces = WebhookConfig(url: "http://spaces/", events: ["space_changed", "photo_rejected"])

    var layout: LotLayout {
        LotLayout(lot: "north", spaces: ["A", "B", "C", "D"].map { id in
            ParkingSpace(id: id, polygon: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)])
        })
    }

    func photo(_ index: Int, camera: String = "cam1", status: PhotoRecord.Status = .ok) -> PhotoRecord {
        let at = Date(timeIntervalSince1970: 1_800_000_000 + Double(index) * 60)
        return PhotoRecord(
            camera: camera, file: "p\(index).jpg", sourcePath: "/in/p\(index).jpg", sha256: "sha\(camera)\(index)", sizeBytes: 1,
            status: status, error: status == .rejected ? "not an image" : nil, capturedAt: at, captureSource: "name",
            receivedAt: at, archivedPath: "/archive/p\(index).jpg")
    }

    /// A confident reading (one photo confirms it) with `occupied` spaces taken, the rest free.
    func reading(occupied: Set<String>) -> FrameReading {
        var reading = FrameReading(width: 10, height: 10, layout: layout, vehicles: occupied.count)
        reading.decisions = layout.spaces.map { space in
            let taken = occupied.contains(space.id)
            return SpaceDecision(
                spaceID: space.id, state: taken ? .occupied : .free, confidence: 0.97, occupiedProbability: taken ? 0.97 : 0.03,
                classifierProbability: taken ? 0.97 : 0.03, coverage: taken ? 0.8 : 0)
        }
        return reading
    }

    @Test func readingsWriteTheirChangesAndLotCrossingsWithThem() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let recorder = ReadingRecorder(store: store, webhooks: WebhookEvents(targets: [lots, spaces], lots: ["cam1": "north"]))
        for (index, taken) in [Set<String>(), ["A", "B", "C"], ["A", "B", "C"], ["A", "B"]].enumerated() {
            _ = try await recorder.insert(photo(index), reading: reading(occupied: taken))
        }
        let events = try await store.webhookEvents()
        #expect(events.filter { $0.target == "http://lots/" }.map(\.event) == ["lot_full", "lot_available"])
        let changed = events.filter { $0.event == "space_changed" }.map(\.body)
        // Four first states, three arrivals, one departure; a repeated reading changes nothing.
        #expect(changed.count == 8)
        #expect(changed.last?.contains(#""previous":"occupied","space":"C","state":"free""#) == true)
        let full = try #require(events.first { $0.event == "lot_full" }?.body)
        #expect(full.contains(#""occupancy_rate":0.75"#) && full.contains(#""lot":"north""#) && full.contains(#""occupied":3"#))
    }

    /// Two cameras share the lot: it is full when its eight spaces are, whichever camera tips it.
    @Test func aLotWatchedByTwoCamerasIsJudgedOnBoth() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let recorder = ReadingRecorder(
            store: store, webhooks: WebhookEvents(targets: [lots], lots: ["cam1": "north", "cam2": "north", "cam3": "south"]))
        _ = try await recorder.insert(photo(1, camera: "cam2"), reading: reading(occupied: ["A", "B"]))
        _ = try await recorder.insert(photo(2, camera: "cam1"), reading: reading(occupied: ["A", "B", "C"]))
        #expect(try await store.webhookEvents().isEmpty, "5 of 8 is not full at 0.75")
        _ = try await recorder.insert(photo(3, camera: "cam1"), reading: reading(occupied: ["A", "B", "C", "D"]))
        let events = try await store.webhookEvents()
        #expect(events.map(\.event) == ["lot_full"])
        #expect(events.first?.body.contains(#""occupied":6"#) == true && events.first?.body.contains(#""total":8"#) == true)
    }

    @Test func aRefusedPhotoIsAnEventAndACountedOneIsNot() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let recorder = ReadingRecorder(store: store, webhooks: WebhookEvents(targets: [spaces]))
        _ = try await recorder.insert(photo(1, status: .rejected), reading: nil)
        _ = try await recorder.insert(photo(2), reading: nil)
        let events = try await store.webhookEvents()
        #expect(events.map(\.event) == ["photo_rejected"])
        #expect(events[0].body.contains(#""file":"p1.jpg""#) && events[0].body.contains(#""reason":"not an image""#))
    }

    @Test func aStreamCameraGoingDarkAndComingBackIsTwoEventsNotMore() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let health = HealthReporter(
            store: store, camera: "gate", source: "rtsp://gate/1",
            webhooks: WebhookEvents(targets: [WebhookConfig(url: "http://ops/", events: ["camera_offline", "camera_online"])]))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await health.online(at: start)
        try await health.offline("connection refused", at: start + 60)
        try await health.offline("connection refused", at: start + 120)
        try await health.online(at: start + 180)
        try await health.stopped(at: start + 240)
        let events = try await store.webhookEvents()
        #expect(events.map(\.event) == ["camera_offline", "camera_online"])
        #expect(events[0].body.contains(#""reason":"connection refused""#))
        #expect(events[1].body.contains(#""offline_since":"2027-01-15T08:01:00Z""#))
    }

    /// An upload camera is dark once its newest photo is older than its `offline_after`, back with
    /// its next photo; each change is one event, and the state survives a new watcher.
    @Test func anUploadCameraThatFallsSilentIsOfflineUntilItsNextPhoto() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let clock = TestClock(photo(1).capturedAt + 60)
        let events = WebhookEvents(targets: [WebhookConfig(url: "http://ops/", events: ["camera_offline", "camera_online"])])
        let watch = { UploadCameraWatch(cameras: ["cam1": 900, "cam9": 900], store: store, events: events, now: clock.now, logger: Logger(label: "t")) }
        _ = try await ReadingRecorder(store: store).insert(photo(1), reading: nil)
        try await watch().check()
        clock.advance(by: 800)
        try await watch().check()
        #expect(try await store.webhookEvents().isEmpty, "14 minutes of silence is not dark yet")
        clock.advance(by: 200)
        try await watch().check()
        try await watch().check()
        #expect(try await store.webhookEvents().map(\.event) == ["camera_offline"])
        _ = try await ReadingRecorder(store: store).insert(photo(30), reading: nil)
        try await watch().check()
        let sent = try await store.webhookEvents()
        #expect(sent.map(\.event) == ["camera_offline", "camera_online"])
        #expect(sent[0].body.contains(#""last_photo_at":"2027-01-15T08:01:00Z""#) && sent[0].body.contains(#""reason":"no photo for 15 min""#))
        #expect(sent[1].body.contains(#""offline_since":"2027-01-15T08:18:40Z""#))
    }
}

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    @Sendable func now() -> Date { lock.withLock { current } }

    func advance(by seconds: Double) { lock.withLock { current += seconds } }
}
