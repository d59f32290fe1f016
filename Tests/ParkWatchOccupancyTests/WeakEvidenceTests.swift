import Foundation
import ParkWatchSpaces
import ParkWatchVision
import Testing

@testable import ParkWatchOccupancy

/// A verdict the classifier alone weighs and the fusion is unsure of goes to the box-centre rule:
/// up to 0.7 where the detector sees the frame as it learnt to, up to 0.6 where it may miss cars (a
/// frame lifted for it, a full lot) or sees none (from above); without a detector it stays the
/// classifier's, or unknown.
@Suite struct WeakEvidenceTests {
    let settings = SpaceDecisionSettings.default

    /// A space only the classifier weighs, at `probability` (a box touches it without standing
    /// in it); `centred`: the box-centre rule's verdict, nil when no detector looked.
    func decision(
        _ probability: Double, centred: Bool?, boxesSeeCars: Bool = true, fullFrame: Bool = false, bias: Double = 0,
        classifierWeight: Double = 1
    ) -> SpaceDecision {
        var weights = FusionWeights.prior(settings: settings)
        (weights.bias, weights.classifier) = (bias, classifierWeight)
        var evidence = SpaceEvidence(classifier: logit(probability), centred: centred, boxesSeeCars: boxesSeeCars)
        evidence.fullFrame = fullFrame
        return SpaceDecider.decide(
            SpaceScore(spaceID: "1", occupiedProbability: probability, brightness: 120, sharpness: 50), evidence: evidence,
            coverage: 0.3, weights: weights, settings: settings)
    }

    /// Three spaces in a view with depth; a car stands in the first and its box spills over a
    /// quarter of the second, which the classifier reads taken at p 0.8 (0.67 tempered).
    @Test func aSpaceABoxSpillsOverIsTheDetectorsWhenTheClassifierIsUnsure() {
        let layout = depthRow(3)
        let scores = litScores([0.98, 0.8, 0.02], of: layout)
        let car = [VehicleBox(x: 5, y: 2, w: 70, h: 36, score: 0.8, label: "car")]
        let decisions = FrameDecider().decisions(layout: layout, scores: scores, boxes: car)
        #expect(decisions[1].evidence.classifierAlone && decisions[1].evidence.detectorTrusted)
        #expect(decisions[1].occupiedProbability > 0.6 && decisions[1].occupiedProbability < 0.7)
        #expect(decisions.map(\.state) == [.occupied, .free, .free])
        // The same frame lifted for the detector (dusk): the classifier's verdict stands.
        let lifted = FrameDecider().decisions(layout: layout, scores: scores, boxes: car, corrected: true)
        #expect(!lifted[1].evidence.detectorTrusted && lifted.map(\.state) == [.occupied, .occupied, .free])
    }

    @Test func aTrustedDetectorSettlesAVerdictUnder70Percent() {
        let unsure = decision(0.65, centred: false)
        #expect(abs(unsure.occupiedProbability - 0.65) < 1e-9)
        #expect(unsure.state == .free)
        #expect(decision(0.65, centred: true).state == .occupied)
        #expect(decision(0.75, centred: false).state == .occupied)
    }

    /// A camera whose unlabelled frames taught it to doubt its classifier (a negative bias)
    /// already reads the classifier lower; the 0.7 bar, meant for a classifier nothing has
    /// calibrated, does not doubt the same verdict again. Labels that raised the classifier's
    /// weight leave the fitted verdict to meet the bar.
    @Test func aCalibratedVerdictSureAsThePriorWeighsItIsNotDoubtedTwice() {
        let doubted = decision(0.78, centred: false, bias: -0.6)
        #expect(doubted.occupiedProbability > 0.6 && doubted.occupiedProbability < 0.7)
        #expect(doubted.state == .occupied)
        // Unsure under the prior and under the camera's weights: the rule settles it.
        #expect(decision(0.68, centred: false, bias: -0.2).state == .free)
        // Sure under the prior, but the camera's weights make it weaker than `unknownBelow`.
        #expect(decision(0.75, centred: false, bias: -0.8).state == .free)
        let fitted = decision(0.72, centred: false, bias: -0.9, classifierWeight: 1.5)
        #expect(fitted.occupiedProbability > 0.6 && fitted.occupiedProbability < 0.7)
        #expect(fitted.state == .free)
    }

    @Test func aDetectorThatMayMissCarsOrSeesNoneSettlesOnlyUnder60Percent() {
        #expect(decision(0.65, centred: false, fullFrame: true).state == .occupied)
        #expect(decision(0.65, centred: false, boxesSeeCars: false).state == .occupied)
        #expect(decision(0.55, centred: false, fullFrame: true).state == .free)
    }

    @Test func withoutADetectorTheClassifiersVerdictStandsFrom60Percent() {
        #expect(decision(0.65, centred: nil, boxesSeeCars: false).state == .occupied)
        #expect(decision(0.55, centred: nil, boxesSeeCars: false).state == .unknown)
    }
}
