import Testing
@testable import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// In a frame read as taken, a box under `doubtfulBox` on ground the classifier is sure is free
/// weighs nothing; a surer box, a less sure classifier or a lifted frame keep the box.
@Suite struct DoubtfulBoxTests {
    let settings = SpaceDecisionSettings.default
    let layout = LotLayout(spaces: [
        ParkingSpace(id: "a", polygon: [Point(x: 0, y: 0), Point(x: 60, y: 0), Point(x: 60, y: 40), Point(x: 0, y: 40)])
    ])

    func state(box score: Double, classifier probability: Double, corrected: Bool = false) -> SpaceState {
        let box = VehicleBox(x: 5, y: 2, w: 50, h: 36, score: score, label: "car")
        let frame = FrameEvidence(layout: layout, boxes: [box], probabilities: [probability], corrected: corrected, settings: settings)
        return SpaceDecider.decide(
            SpaceScore(spaceID: "a", occupiedProbability: probability, brightness: 120, sharpness: 50),
            evidence: frame.evidence(of: 0, probability: probability), coverage: frame.coverages[0],
            weights: .prior(settings: settings), settings: settings
        ).state
    }

    @Test func aDoubtfulBoxOnGroundTheClassifierIsSureOfReadsFree() {
        #expect(state(box: 0.42, classifier: 0.05) == .free)
        #expect(state(box: 0.8, classifier: 0.05) == .occupied)
        #expect(state(box: 0.42, classifier: 0.3) == .occupied)
    }

    /// Dim, flat or soft frames: there the classifier reads dark or blurred cars as free.
    @Test func inALiftedFrameTheDoubtfulBoxStands() {
        #expect(state(box: 0.42, classifier: 0.05, corrected: true) == .occupied)
    }
}
