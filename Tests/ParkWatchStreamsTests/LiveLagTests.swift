@testable import ParkWatchPipeline
import Foundation
import Logging
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport
import ParkWatchVision
import Synchronization
import Testing

/// A live camera sending 10 frames a second into a buffer, as a socket holds what the reader has
/// not taken yet: `advance` takes the oldest frame at once, or waits for the next one to be sent.
/// Like a socket's, the buffer is finite: frames over 3 s old are gone. `decode` notes which frame
/// it hands out and how old it is.
final class BufferedCamera: FrameSource, Sendable {
    let frame: Image
    let start = Date()
    let interval = 0.1
    private let state = Mutex<(next: Int, decoded: [Int], ages: [Double])>((0, [], []))

    init(frame: Image) {
        self.frame = frame
    }

    var name: String { "buffered" }
    var isPolled: Bool { false }
    var isFile: Bool { false }
    var ages: [Double] { state.withLock { $0.ages } }
    var decoded: [Int] { state.withLock { $0.decoded } }

    func advance() throws(StreamError) -> Double? {
        let sentSoFar = Int(Date().timeIntervalSince(start) / interval)
        let index = state.withLock { state in
            state.next = max(state.next + 1, sentSoFar - 30)
            return state.next
        }
        let sent = start.addingTimeInterval(Double(index) * interval)
        if sent > Date() { Thread.sleep(until: sent) }  // on the connection's own queue
        return nil
    }

    func decode() throws(StreamError) -> Image {
        state.withLock { state in
            state.decoded.append(state.next)
            state.ages.append(Date().timeIntervalSince(start) - Double(state.next) * interval)
        }
        return frame
    }
}

/// Takes a second a frame, as the full models do on a loaded machine.
struct SlowCounter: VehicleCounter {
    func detect(_ image: Image) async throws -> Detections {
        try await Task.sleep(for: .seconds(1))
        return Detections(boxes: [], passes: 1)
    }
}

/// A reader slower than the camera keeps reading the newest frames: while a sample is analysed
/// the stream is read on, so a sample is never a frame the buffer held for the whole analysis.
@Suite struct LiveLagTests {
    @Test func aSlowReaderSamplesTheNewestFrameNotTheBufferedOnes() async throws {
        let folder = try TemporaryFolder("lag")
        var watch = WatchSettings(model: "unused")
        watch.archive = folder.path("archive")
        watch.database = folder.path("parkwatch.sqlite").path
        let parts = PipelineParts(settings: watch, store: try ParkWatchDatabase(path: watch.database), detector: SlowCounter(), spaces: nil, layouts: [:])
        let camera = BufferedCamera(frame: try Image(contentsOfFile: try #require(TestResources.pklotDay1.first).path))
        var settings = StreamSettings(camera: "cam", source: "buffered")
        settings.every = 0.1
        settings.keyFrames = .none
        settings.opener = { () throws(StreamError) in camera }
        let (samples, sink) = AsyncStream.makeStream(of: Void.self)
        let service = try StreamPipeline.buildService(settings, parts: parts, logger: Logger(label: "test.lag"), onSample: { _ in sink.yield() })
        try await whileRunning(service) {
            var seen = 0
            for await _ in samples {
                seen += 1
                if seen >= 6 { break }
            }
        }
        // Read one after the other, each sample is the next buffered frame (a gap of 1) and a
        // second older than the last; read on meanwhile, about ten frames pass during each analysis.
        // Frames, not seconds, are compared: a loaded test machine slows every step.
        let decoded = camera.decoded
        let gaps = zip(decoded.dropFirst(), decoded).map { $0 - $1 }.sorted()
        #expect(decoded.count >= 6)
        #expect(gaps.isEmpty == false && gaps[gaps.count / 2] >= 3, "frames sampled: \(decoded), their ages in seconds: \(camera.ages)")
    }
}
