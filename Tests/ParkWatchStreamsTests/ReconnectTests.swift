@testable import ParkWatchPipeline
import Foundation
import Logging
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport
import ParkWatchVision
import Synchronization
import Testing

/// A live source that refuses its first connection, sends two frames, drops, and on the next
/// connection sends frames again: the scripted camera of `ReconnectTests`.
final class ScriptedCamera: Sendable {
    final class Source: FrameSource {
        let camera: ScriptedCamera
        let connection: Int

        init(camera: ScriptedCamera, connection: Int) {
            self.camera = camera
            self.connection = connection
        }

        var name: String { "scripted" }
        var isPolled: Bool { false }
        var isFile: Bool { false }
        func advance() throws(StreamError) -> Double? { try camera.advance(connection) }
        func decode() throws(StreamError) -> Image { camera.frame }
    }

    let frame: Image
    private let state = Mutex<(connections: Int, frames: [Int: Int])>((0, [:]))

    init(frame: Image) {
        self.frame = frame
    }

    var connections: Int { state.withLock { $0.connections } }

    func open() throws(StreamError) -> any FrameSource {
        let connection = state.withLock { state in
            state.connections += 1
            return state.connections
        }
        if connection == 1 { throw .openFailed(source: "scripted", reason: "connection refused") }
        return Source(camera: self, connection: connection)
    }

    /// The second connection drops after two frames; the third sends for as long as it is read.
    func advance(_ connection: Int) throws(StreamError) -> Double? {
        let sent = state.withLock { state in
            state.frames[connection, default: 0] += 1
            return state.frames[connection]!
        }
        if connection == 2 && sent > 2 { throw .streamClosed(source: "scripted") }
        Thread.sleep(forTimeInterval: 0.02)  // a camera's frame interval; the blocking call runs on the connection's own queue
        return nil
    }
}

/// Counts no vehicle: the reconnect logic needs no model.
struct NoVehicles: VehicleCounter {
    func detect(_ image: Image) async throws -> Detections { Detections(boxes: [], passes: 1) }
}

/// Reconnects and backoff through the real `StreamService` over a scripted source: no FFmpeg,
/// no network, no model.
@Suite struct ReconnectTests {
    @Test func aRefusedThenDroppedCameraIsRetriedAndItsHealthSaysSo() async throws {
        let folder = try TemporaryFolder("reconnect")
        var watch = WatchSettings(model: "unused")
        watch.archive = folder.path("archive")
        watch.database = folder.path("parkwatch.sqlite").path
        let store = try ParkWatchDatabase(path: watch.database)
        let parts = PipelineParts(settings: watch, store: store, detector: NoVehicles(), spaces: nil, layouts: [:])
        let camera = ScriptedCamera(frame: try Image(contentsOfFile: try #require(TestResources.pklotDay1.first).path))
        var settings = StreamSettings(camera: "cam", source: "scripted")
        settings.every = 0
        settings.keyFrames = .none
        settings.backoff = Backoff.Settings(initial: .milliseconds(10), maximum: .milliseconds(40))
        settings.opener = { () throws(StreamError) in try camera.open() }
        let (samples, sink) = AsyncStream.makeStream(of: Void.self)
        let service = try StreamPipeline.buildService(
            settings, parts: parts, logger: Logger(label: "test.reconnect"), onSample: { _ in sink.yield() })
        try await whileRunning(service) {
            var seen = 0
            for await _ in samples {
                seen += 1
                if camera.connections >= 3 && seen >= 4 { break }
            }
        }
        #expect(camera.connections == 3)
        let health = try #require(try await store.cameraHealth(camera: "cam"))
        // Online after the refusal, and again after the drop; stopping the reader marks it offline.
        #expect(health.reconnects == 2 && health.state == .offline && health.lastError == "stopped", "\(health)")
        let photos = try await store.photos(matching: PhotoFilter(camera: "cam"))
        #expect(photos.count >= 4 && photos.allSatisfy { $0.vehicles == 0 && $0.captureSource == "stream" })
    }
}
