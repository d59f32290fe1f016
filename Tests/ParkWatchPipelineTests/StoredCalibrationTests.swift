import Foundation
@testable import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A camera's calibration lives in the database: a running reader uses a new one from the
/// camera's next frame, a restarted one finds it, and removing it brings the prior back.
@Suite struct StoredCalibrationTests {
    func parts(_ path: String) throws -> PipelineParts {
        PipelineParts(
            settings: WatchSettings(model: TestResources.model), store: try ParkWatchDatabase(path: path),
            detector: try FrameReaderPathsTests.detector.get(), spaces: try FrameReaderPathsTests.reader.get(), layouts: [:])
    }

    @Test func aStoredCalibrationIsUsedFromTheNextFrameAndSurvivesARestart() async throws {
        let folder = try TemporaryFolder("calibration")
        let path = folder.path("parkwatch.sqlite").path
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let running = try parts(path).frameReader(.photos)
        let prior = try await running.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(prior.decisions.contains { $0.state == .occupied })

        // Weights that see nothing but free ground: every space turns free on the next frame.
        let blind = FusionWeights(bias: -8, classifier: 0, anchored: 0, unboxed: 0, unboxedSmall: 0)
        try await running.stored?.setCameraFusion(CameraFusionRecord(camera: "cam", weights: try blind.json(), labels: 1, fittedAt: Date()))
        let calibrated = try await running.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(calibrated.decisions.allSatisfy { $0.state == .free })

        let restarted = try parts(path).frameReader(.photos)
        #expect(try await restarted.weights(for: "cam") == blind)
        #expect(try await restarted.weights(for: "other") == nil)

        #expect(try await ParkWatchDatabase(path: path).deleteCameraFusion(camera: "cam"))
        let again = try await restarted.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(again.decisions.map(\.state) == prior.decisions.map(\.state))
    }
}
