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

    private func run(_ tool: String, _ arguments: [String]) async throws {
        let script = TestResources.packageRoot.appendingPathComponent("tools/\(tool)").path
        let log = folder.path("tools.log")
        let status = try await BackgroundProcess("/usr/bin/python3", [script] + arguments, log: log).exited()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try #require(status == 0, "\(tool) failed (make test installs python3-opencv): \(output)")
    }

    /// One 2x2 mosaic of the dense frames at 854x480.
    private func wideFrames() async throws -> URL {
        let (dense, mosaic, wide) = (folder.path("dense"), folder.path("mosaic"), folder.path("wide"))
        try await run("dense-frames/make_dense_frames.py", [dense.path])
        try await run("pklot-frames/mosaic_pklot.py", [dense.path, mosaic.path, "2", "2", "--count", "1"])
        try await run("pklot-frames/resize_pklot.py", [mosaic.path, wide.path, "854", "480"])
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
