import Foundation
import Testing
@testable import ParkWatchInbox
import ParkWatchPipeline
import ParkWatchTestSupport
import ParkWatchVision

/// `cameras.<id>.detector`: a camera with detector settings of its own is read with them, the
/// others with the top-level ones.
@Suite struct CameraDetectorTests {
    @Test func aCamerasOwnDetectorSettingsAreTheOnesItsPhotosAreReadWith() async throws {
        let base = try PipelineFixture()
        var settings = base.settings
        settings.cameraDetectors = ["strict": DetectorSettings(scoreThreshold: 0.99), "same": settings.detector]
        let fixture = PipelineFixture(folder: base.folder, settings: settings)
        let parts = try PipelineParts(settings)
        #expect(parts.cameraDetectors.keys.sorted() == ["strict"])  // settings equal to the top level share its detector
        let processor = InboxPipeline.buildProcessor(parts)
        let frames = TestResources.pklotDay1.suffix(2)
        let (busiest, busy) = (try #require(frames.last), try #require(frames.first))
        let usual = try #require(try await processor.process(try fixture.drop(busiest, camera: "cam1")))
        let strict = try #require(try await processor.process(try fixture.drop(busy, camera: "strict")))
        #expect((usual.record.vehicles ?? 0) >= 10)
        #expect(strict.record.vehicles == 0)
    }
}
