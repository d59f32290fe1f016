import Foundation
import ParkWatchSpaces
import ParkWatchVision
import Testing

@testable import ParkWatchOccupancy

/// In a dim or flat frame a missing box counts as much as the detector shows it boxes cars: at
/// night or in fog it boxes half of those the classifier is sure of, and there a missing box says less.
@Suite struct MissingBoxWeightTests {
    let settings = SpaceDecisionSettings.default

    /// Ten spaces of one size side by side, 50 x 40 px each, seen from the side.
    let row = LotLayout(spaces: (0..<10).map { index in
        let left = Double(index) * 50
        let corners = [Point(x: left, y: 0), Point(x: left + 50, y: 0), Point(x: left + 50, y: 40), Point(x: left, y: 40)]
        return ParkingSpace(id: "\(index)", polygon: corners)
    })

    func car(in space: Int) -> VehicleBox { VehicleBox(x: Double(space) * 50 + 5, y: 4, w: 40, h: 32, score: 0.8, label: "car") }

    /// The classifier is sure of cars in spaces 0-7.
    let probabilities = Array(repeating: 0.98, count: 8) + [0.05, 0.05]

    /// `corrected`: a dim or flat frame, lifted or stretched for the detector.
    func frame(boxedIn spaces: Range<Int>, corrected: Bool = true) -> FrameEvidence {
        FrameEvidence(
            layout: row, boxes: spaces.map(car), probabilities: probabilities, sideView: true, corrected: corrected, settings: settings)
    }

    func state(of space: Int, in frame: FrameEvidence) -> SpaceState {
        SpaceDecider.decide(
            SpaceScore(spaceID: "\(space)", occupiedProbability: probabilities[space], brightness: 120, sharpness: 50),
            evidence: frame.evidence(of: space, probability: probabilities[space]), coverage: frame.coverages[space],
            weights: .prior(settings: settings), settings: settings
        ).state
    }

    @Test func aFrameWhoseDetectorBoxesHalfTheSureCarsCountsAMissingBoxLess() {
        // 4 of 8 boxed: recall (4 + 8 x 0.95) / (8 + 8) = 0.725, against the prior's 0.95.
        let half = frame(boxedIn: 0..<4)
        #expect(abs(half.missingBoxWeight - log(0.275) / log(0.05)) < 1e-9)
        #expect(half.evidence(of: 5, probability: 0.98).unboxed && half.evidence(of: 5, probability: 0.98).missingBoxWeight < 0.5)
        #expect(state(of: 5, in: half) == .occupied)
        // 7 of 8 boxed: the one left over is more likely the classifier's mistake.
        let most = frame(boxedIn: 0..<7)
        #expect(most.missingBoxWeight > 0.8 && most.missingBoxWeight < 1)
        #expect(state(of: 7, in: most) == .free)
    }

    /// A verdict this close is otherwise the box-centre rule's, but this frame's detector has shown
    /// it misses cars: a space the classifier is sure of keeps the weighed verdict, taken.
    @Test func aWeakVerdictOnASureCarIsNotHandedBackToAWeakDetector() {
        let half = frame(boxedIn: 0..<4)
        let decision = SpaceDecider.decide(
            SpaceScore(spaceID: "5", occupiedProbability: 0.94, brightness: 120, sharpness: 50),
            evidence: half.evidence(of: 5, probability: 0.94), coverage: 0, weights: .prior(settings: settings), settings: settings)
        #expect(decision.confidence < settings.unknownBelow && decision.evidence.centred == false)
        #expect(decision.state == .occupied)
        // Less sure than `blindSure`, the detector's answer stands.
        let unsure = SpaceDecider.decide(
            SpaceScore(spaceID: "5", occupiedProbability: 0.88, brightness: 120, sharpness: 50),
            evidence: frame(boxedIn: 0..<2).evidence(of: 5, probability: 0.88), coverage: 0, weights: .prior(settings: settings),
            settings: settings)
        #expect(unsure.occupiedProbability > 0.5 && unsure.confidence < settings.unknownBelow)
        #expect(unsure.state == .free)
    }

    /// In a frame as taken the detector sees as it learnt to: the sure spaces it leaves unboxed
    /// are the classifier's false alarms, which the missing box vetoes at full weight.
    @Test func aFrameAsTakenKeepsTheMissingBoxsWeight() {
        let asTaken = frame(boxedIn: 0..<4, corrected: false)
        #expect(asTaken.missingBoxWeight == 1 && state(of: 5, in: asTaken) == .free)
    }

    @Test func withAllOrTooFewOfThemBoxedTheMissingBoxKeepsItsWeight() {
        #expect(frame(boxedIn: 0..<8).missingBoxWeight == 1)
        // One box is no measure of the detector; an empty lot has none.
        #expect(frame(boxedIn: 0..<1).missingBoxWeight == 1)
        let one = frame(boxedIn: 0..<1)
        #expect(one.evidence(of: 5, probability: 0.98).unboxed && state(of: 5, in: one) == .free)
    }
}
