import ParkWatchPipeline
import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// The seed video end to end: real OpenCV, real models, a real SQLite file.
@Suite("Seed video", .serialized)
struct SeedVideoTests {
    @Test func aVideoFileBecomesOneReadingPerSampleInTheStore() async throws {
        var fixture = try StreamFixture()
        fixture.watch.overlays = true
        var settings = StreamSettings(camera: fixture.camera, source: StreamFixture.seedVideo)
        settings.every = 2
        settings.keyFrames = .sample
        let start = try #require(ISOTime.parse("2026-01-05T08:00:00Z"))
        settings.fileStart = start
        let service = try fixture.service(settings, parts: try PipelineParts(fixture.watch))
        try await service.run()  // a file: returns at its end

        let store = try fixture.store()
        let photos = try await store.photos(matching: PhotoFilter(camera: fixture.camera))
        // 849 frames at 30 fps = 28.3 s: samples at 0, 2, … 28 s.
        #expect(photos.count == 15)
        #expect(photos.first?.capturedAt == start)
        #expect(photos.last?.capturedAt == start.addingTimeInterval(28))
        #expect(photos.allSatisfy { $0.captureSource == "stream" && $0.status == .ok && $0.width == 380 && $0.height == 452 })
        #expect(photos.allSatisfy { FileManager.default.fileExists(atPath: $0.archivedPath) })
        let readings = try await store.spaceReadings(matching: PhotoFilter(camera: fixture.camera))
        #expect(readings.count == 15)
        #expect(readings.allSatisfy { $0.total == 14 && $0.free + $0.occupied + $0.unknown == 14 })
        #expect(readings.allSatisfy { FileManager.default.fileExists(atPath: $0.overlayPath ?? "") })
        // The seed lot is neither empty nor full, and its spaces are judged, not left unknown.
        let last = try #require(readings.last)
        #expect(last.free > 0 && last.occupied > 0 && last.unknown < 14)
        let health = try #require(try await store.cameraHealth(camera: fixture.camera))
        #expect(health.state == .offline && health.lastError == "end of video")
    }

    @Test func theMaskOnePixelLargerThanTheVideoIsFittedInsideTheFrame() async throws {
        let fixture = try StreamFixture()
        let parts = try PipelineParts(fixture.watch, detector: false)
        let drawn = try #require(parts.layouts[fixture.camera])
        #expect(drawn.imageWidth == 381)
        let reader = parts.frameReader(.stream(.default))
        let frame = try VideoSource(opening: StreamFixture.seedVideo).read()
        let analysis = try await reader.read(frame, camera: fixture.camera, layout: drawn, at: 0)
        let layout = try #require(analysis.layout)
        #expect(layout.imageWidth == 380 && layout.imageHeight == 452)
        let points = layout.spaces.flatMap(\.polygon)
        #expect(points.allSatisfy { (0...379).contains($0.x) && (0...451).contains($0.y) })
        #expect(analysis.decisions.count == 14 && analysis.reclassified == 14)
    }

    @Test func gatingReusesDecisionsForSpacesThatDidNotChange() async throws {
        let fixture = try StreamFixture()
        let parts = try PipelineParts(fixture.watch, detector: false)
        let (gated, plain) = (parts.frameReader(.stream(.default)), parts.frameReader(.stream(.off)))
        let layout = parts.layouts[fixture.camera]
        let video = try VideoSource(opening: StreamFixture.seedVideo)
        var (classified, total, disagreements) = (0, 0, 0)
        for index in 0..<90 {
            let frame = try video.read()
            let time = Double(index) / 30
            let fast = try await gated.read(frame, camera: fixture.camera, layout: layout, at: time)
            let full = try await plain.read(frame, camera: fixture.camera, layout: layout, at: time)
            classified += fast.reclassified
            total += fast.decisions.count
            disagreements += zip(fast.decisions, full.decisions).filter { $0.state != $1.state }.count
        }
        // Three seconds of a lot where few cars move: most crops look as they did.
        #expect(classified < total / 2, "classified \(classified) of \(total)")
        #expect(disagreements <= total / 50, "\(disagreements) space states differ from classifying everything")
    }

    @Test func annotateWritesAVideoOfTheSameShape() async throws {
        let folder = try TemporaryFolder("annotate")
        let layout = try LayoutImport.fromMask(StreamFixture.seedMask)
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier))
        let annotator = VideoAnnotator(
            reader: FrameReader(detector: nil, spaces: reader, options: .stream(.default)), layout: layout, settings: reader.settings)
        let out = folder.path("annotated.mp4").path
        let summary = try await annotator.annotate(StreamFixture.seedVideo, to: out)
        #expect(summary.frames == 849 && summary.total == 14)
        #expect(summary.skipped > summary.classifications)
        let written = try VideoSource(opening: out)
        #expect(written.width == 380 && written.height == 452 && written.frameCount == 849)
    }
}
