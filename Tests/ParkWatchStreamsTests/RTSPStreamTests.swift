import ParkWatchPipeline
import Foundation
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport
import Testing

/// RTSP, as most CCTV cameras offer it: GStreamer's RTSP server (scripts/rtsp-server.py) serves the
/// seed video on loopback, and the stream reader samples it like any camera.
@Suite("RTSP stream on loopback", .serialized)
struct RTSPStreamTests {
    static let script = TestResources.packageRoot.appendingPathComponent("scripts/rtsp-server.py").path

    @Test func anRTSPCameraGivesReadingsAndIsMarkedOfflineWhenTheReaderStops() async throws {
        let python = try #require(FFmpegServer.python, "python3 is required")
        let fixture = try StreamFixture()
        let port = try LoopbackPort.free()
        let server = try FFmpegServer(
            executable: python, arguments: [Self.script, "\(port)", StreamFixture.seedVideo], log: fixture.folder.path("rtsp.log"))
        defer { server.stop() }
        let log = { (try? String(contentsOf: fixture.folder.path("rtsp.log"), encoding: .utf8)) ?? "" }
        try #require(try await LoopbackPort.waitUntilListening(port),
                     "the RTSP server did not start (scripts/setup.sh installs its GStreamer packages): \(log())")
        var settings = StreamSettings(camera: fixture.camera, source: "rtsp://127.0.0.1:\(port)/lot")
        settings.every = 0.5
        (settings.openTimeout, settings.readTimeout, settings.stallAfter) = (.seconds(5), .seconds(5), .seconds(8))
        let service = try fixture.service(settings, parts: try PipelineParts(fixture.watch, detector: false))
        let store = try fixture.store()
        let camera = fixture.camera
        try await whileRunning(service) {
            let live = try await eventually(within: liveDeadline) {
                let count = try await store.spaceReadings(matching: PhotoFilter(camera: camera)).count
                return try await store.cameraHealth(camera: camera)?.state == .online && count >= 3
            }
            let health = String(describing: try await store.cameraHealth(camera: camera))
            #expect(live, "health: \(health); server: \(log())")
        }
        let readings = try await store.spaceReadings(matching: PhotoFilter(camera: camera))
        #expect(readings.allSatisfy { $0.total == 14 })
        let health = try #require(try await store.cameraHealth(camera: camera))
        #expect(health.state == .offline && health.lastError == "stopped" && health.lastFrameAt != nil)
    }
}
