import Testing
@testable import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// In a frame read mostly taken a missing box says less (`FrameLean`); in a mostly free one, or
/// one of too few spaces, it weighs as the prior's.
@Suite struct FrameLeanTests {
    let settings = SpaceDecisionSettings.default
    /// Ten equal spaces in a row, 60 px wide, of a view with depth.
    let layout = LotLayout(view: .depth, spaces: (0..<10).map { index in
        let left = Double(index * 60)
        return ParkingSpace(
            id: "s\(index)", polygon: [Point(x: left, y: 0), Point(x: left + 60, y: 0), Point(x: left + 60, y: 40), Point(x: left, y: 40)])
    })

    /// The decision of the last space, unboxed and read taken by the classifier at 0.995, in a
    /// frame where the first `boxed` spaces hold a boxed car the classifier is sure of and the
    /// rest read free.
    func lastSpace(boxed: Int, pull: Double = SpaceDecisionSettings.default.fullFramePull) -> SpaceDecision {
        var settings = settings
        settings.fullFramePull = pull
        let boxes = (0..<boxed).map { VehicleBox(x: Double($0 * 60 + 5), y: 2, w: 50, h: 36, score: 0.9, label: "car") }
        let probabilities = (0..<9).map { $0 < boxed ? 0.99 : 0.02 } + [0.995]
        let scores = Dictionary(uniqueKeysWithValues: zip(layout.spaces, probabilities).map { space, p in
            (space.id, SpaceScore(spaceID: space.id, occupiedProbability: p, brightness: 120, sharpness: 50))
        })
        return FrameDecider(settings: settings).decisions(layout: layout, scores: scores, boxes: boxes)[9]
    }

    @Test func inAFullFrameAMissingBoxSaysLess() {
        let full = lastSpace(boxed: 9)
        #expect(full.evidence.unboxed && full.evidence.lean > 1)
        #expect(full.state == .occupied)
        #expect(lastSpace(boxed: 9, pull: 0).state == .free)
    }

    @Test func inAMostlyFreeFrameTheMissingBoxVetoes() {
        let sparse = lastSpace(boxed: 1)
        #expect(sparse.evidence.lean == 0)
        #expect(sparse.state == .free)
    }

    @Test func theShareIsTheFramesOwn() {
        #expect(abs(FrameLean.share(odds: [5, 5, 5, -5], kept: []) - 0.75) < 0.02)
        #expect(abs(FrameLean.share(odds: [5], kept: [1, 1, 0]) - 0.75) < 0.02)
        #expect(FrameLean.lean(odds: [5, 5, 5], kept: [], settings: settings) == 0)
    }
}
