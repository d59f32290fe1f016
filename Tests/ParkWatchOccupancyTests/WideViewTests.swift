@testable import ParkWatchEvaluation
import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A wide view of many small spaces (`tools/pklot-frames/mosaic_pklot.py`: four dense frames side
/// by side, shrunk to 854x480, 160 spaces whose cars the whole frame alone mostly misses). Read as
/// one camera's photos, gated, it must read as each frame read alone: a photo's closer look runs
/// every tile its doubt needs, where a limit would leave most spaces with the whole frame's
/// missing box until the next photo.
@Suite struct WideViewTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("wide-view")
    }

    /// One 2x2 mosaic of the dense frames at 854x480.
    private func wideFrames() async throws -> URL {
        let (dense, mosaic, wide, log) = (folder.path("dense"), folder.path("mosaic"), folder.path("wide"), folder.path("tools.log"))
        try await RepositoryTool.run("dense-frames/make_dense_frames.py", [dense.path], log: log)
        try await RepositoryTool.run("pklot-frames/mosaic_pklot.py", [dense.path, mosaic.path, "2", "2", "--count", "1"], log: log)
        try await RepositoryTool.run("pklot-frames/resize_pklot.py", [mosaic.path, wide.path, "854", "480"], log: log)
        return wide
    }

    @Test func aGatedPhotoOfManySmallSpacesReadsAsTheFrameAlone() async throws {
        let wide = try await wideFrames()
        let evaluator = Evaluator(
            detector: try VehicleDetector(modelPath: TestResources.model),
            reader: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)))
        let alone = try await evaluator.spaces(in: wide)
        let gated = try await evaluator.spaces(in: wide, asSequence: true)
        #expect(alone.spaces == 160 && gated.spaces == 160)
        let (single, sequence) = (try #require(alone.figures.accuracy), try #require(gated.figures.accuracy))
        #expect(single >= 0.95, "alone \(single): \(alone.perImage.map(\.wrong))")
        #expect(sequence >= single - 0.01, "gated \(sequence) against \(single) alone: \(gated.perImage.map(\.wrong))")
    }
}
