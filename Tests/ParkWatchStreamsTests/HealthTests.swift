import Foundation
import ParkWatchStore
import ParkWatchStreams
import Testing

/// The health row through a camera's life: first connection, outage with retries, reconnect.
@Suite("Camera health")
struct HealthTests {
    private let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func anOutageStartsAtItsFirstFailureAndAReconnectIsCounted() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let health = HealthReporter(store: store, camera: "cam", source: "rtsp://cam.local/s")
        try await health.online(at: start)
        var row = try #require(try await store.cameraHealth(camera: "cam"))
        #expect(row.state == .online && row.onlineSince == start && row.reconnects == 0 && row.offlineSince == nil)

        try await store.recordCameraFrame(camera: "cam", at: start + 30)
        try await health.offline("rtsp://cam.local/s closed or timed out", at: start + 40)
        try await health.offline("rtsp://cam.local/s could not be opened: refused", at: start + 41)
        row = try #require(try await store.cameraHealth(camera: "cam"))
        #expect(row.state == .offline && row.offlineSince == start + 40 && row.onlineSince == nil)
        #expect(row.lastFrameAt == start + 30 && row.lastError == "rtsp://cam.local/s could not be opened: refused")

        try await health.online(at: start + 60)
        row = try #require(try await store.cameraHealth(camera: "cam"))
        #expect(row.state == .online && row.offlineSince == nil && row.reconnects == 1 && row.lastFrameAt == start + 60)
        #expect(try await store.cameraHealth().map(\.camera) == ["cam"])
    }

    @Test func aCameraThatNeverConnectedHasNoLastFrame() async throws {
        let store = try ParkWatchDatabase.inMemory()
        try await HealthReporter(store: store, camera: "cam", source: "http://x/").offline("refused", at: start)
        let row = try #require(try await store.cameraHealth(camera: "cam"))
        #expect(row.state == .offline && row.lastFrameAt == nil && row.offlineSince == start)
    }

    @Test func stoppingMarksAnOnlineCameraOfflineButKeepsAnOutagesCause() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let online = HealthReporter(store: store, camera: "up", source: "rtsp://up/")
        try await online.online(at: start)
        try await online.stopped(at: start + 5)
        let stopped = try #require(try await store.cameraHealth(camera: "up"))
        #expect(stopped.state == .offline && stopped.lastError == "stopped" && stopped.offlineSince == start + 5)

        let down = HealthReporter(store: store, camera: "down", source: "rtsp://down/")
        try await down.offline("refused", at: start)
        try await down.stopped(at: start + 5)
        let outage = try #require(try await store.cameraHealth(camera: "down"))
        #expect(outage.lastError == "refused" && outage.offlineSince == start)
    }
}
