@testable import ParkWatchEvaluation
import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// `eval spaces --layout` on the dev frames as a camera that moved would see them (shifted by
/// `tools/pklot-frames`): the layout as drawn reads them badly, the same layout with its
/// reference photo follows the move, and a frame of another scene reads unknown, never guessed.
@Suite struct RealignmentTests {
    let folder: TemporaryFolder
    let dev = TestResources.dataset("pklot-ufpr05-dev")

    init() throws {
        folder = try TemporaryFolder("realign")
    }

    private func evaluator() throws -> Evaluator {
        Evaluator(
            detector: try VehicleDetector(modelPath: TestResources.model),
            reader: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)))
    }

    /// The dev frames shifted 60 px right and 20 px down.
    private func shiftedFrames() async throws -> URL {
        let out = folder.path("shifted")
        try await RepositoryTool.run("pklot-frames/shift_pklot.py", [dev.path, out.path, "--dx", "60", "--dy", "20"], log: folder.path("shift.log"))
        return out
    }

    /// The dev layout, with the photo it was drawn on when `reference` is set.
    private func layout(reference: Bool) throws -> LotLayout {
        let drawn = try #require(TestResources.pklotDay1.first)
        var layout = try LayoutImport.fromPKLot(drawn.deletingPathExtension().appendingPathExtension("xml")).layout
        layout.reference = reference ? drawn.path : nil
        return layout
    }

    @Test func aLayoutWithItsReferenceFollowsAMovedCamera() async throws {
        let shifted = try await shiftedFrames()
        let evaluator = try evaluator()
        let asDrawn = try await evaluator.spaces(in: shifted, layout: try layout(reference: false))
        let followed = try await evaluator.spaces(in: shifted, layout: try layout(reference: true))
        let ownOutlines = try await evaluator.spaces(in: shifted)
        #expect(try #require(asDrawn.figures.accuracy) < 0.95)
        #expect(
            try #require(followed.figures.accuracy) >= (ownOutlines.figures.accuracy ?? 1) - 0.01,
            "followed \(followed.figures.accuracy ?? 0), own outlines \(ownOutlines.figures.accuracy ?? 0): \(followed.perImage.map { ($0.file, $0.shiftPx ?? -1, $0.wrong) })")
        #expect(followed.spaces == 400 && followed.unregistered == [])
        for image in followed.perImage {
            let shift = try #require(image.shiftPx)
            #expect((55...75).contains(shift), "\(image.file): \(shift) px")
        }
        #expect(asDrawn.unregistered == nil && asDrawn.perImage.allSatisfy { $0.shiftPx == nil })
    }

    @Test func aFrameOfAnotherSceneReadsUnknown() async throws {
        let frames = folder.path("other")
        try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
        let labels = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        try FileManager.default.copyItem(at: TestResources.dataset("seed-lot/mask_1920_1080.png"), to: frames.appendingPathComponent("other.png"))
        try FileManager.default.copyItem(at: labels, to: frames.appendingPathComponent("other.xml"))
        let result = try await evaluator().spaces(in: frames, layout: try layout(reference: true))
        #expect(result.unregistered == [frames.appendingPathComponent("other.png").path])
        #expect(result.spaces == 40 && result.tally.unknown == 40)
    }

    @Test func aLayoutWhoseReferenceCannotBeReadIsRefusedWhenLoaded() throws {
        var layout = try layout(reference: false)
        layout.reference = "missing.png"
        let file = folder.path("layout.json")
        try layout.write(to: file)
        #expect {
            try LotLayout.load(file)
        } throws: { error in
            "\(error)".contains(folder.path("missing.png").path) && "\(error)".contains("reference photo")
        }
    }
}
