import Foundation
import ParkWatchSpaces
import ParkWatchVision
import Testing

@testable import ParkWatchOccupancy

/// A few labelled frames teach a camera more than its weights: how each space looks where a
/// person labelled it free, and whether the detector boxes its vehicles.
@Suite struct LabelCalibrationTests {
    let settings = SpaceDecisionSettings.default

    /// One labelled frame of two spaces: "a" free (its crop asphalt), "b" taken (a car), with
    /// the car boxed or not.
    func frame(seed: UInt64, carBoxed: Bool) -> (decisions: [SpaceDecision], labels: [String: Bool], crops: [String: [Float]]) {
        let decision = { (id: String, anchored: Bool) in
            SpaceDecision(spaceID: id, state: .unknown, confidence: 0, occupiedProbability: 0, classifierProbability: 0, coverage: 0,
                          evidence: SpaceEvidence(classifier: 2, anchored: anchored))
        }
        let cars = [decision("b", carBoxed), decision("c", carBoxed)]
        return ([decision("a", false)] + cars, ["a": false, "b": true, "c": true],
                ["a": EmptyLooksTests.asphalt(seed: seed), "b": EmptyLooksTests.car(seed: seed), "c": EmptyLooksTests.car(seed: seed + 1)])
    }

    /// A label vouches for a look at once: no second day is needed, and a car labelled in the
    /// space never becomes one.
    @Test func aSpaceLabelledFreeLooksEmptyFromItsLabelOn() throws {
        var frames = LabelCalibration.Frames()
        let labelled = frame(seed: 1, carBoxed: true)
        frames.add(labelled.decisions, labels: labelled.labels, crops: labelled.crops, settings: settings)
        let looks = frames.calibration(settings: settings).looks
        #expect(Set(looks.spaces.keys) == ["a"])
        let later = try #require(looks.similarity(of: EmptyLooksTests.asphalt(seed: 9, contrast: 0.7), space: "a"))
        let taken = try #require(looks.similarity(of: EmptyLooksTests.car(seed: 9), space: "a"))
        #expect(later >= EmptyLooks.looksEmpty && taken < EmptyLooks.looksEmpty, "empty \(later), taken \(taken)")
        // Alike crops of more frames refine one look; the stored form keeps it a labelled one.
        for seed in 2..<5 {
            let next = frame(seed: UInt64(seed), carBoxed: true)
            frames.add(next.decisions, labels: next.labels, crops: next.crops, settings: settings)
        }
        let refined = frames.calibration(settings: settings).looks
        #expect(refined.spaces["a"]?.count == 1 && refined.spaces["a"]?.first?.seen == 4)
        let stored = try JSONDecoder().decode(EmptyLooks.self, from: JSONEncoder().encode(refined))
        #expect(stored == refined && stored.spaces["a"]?.first?.labelled == true)
    }

    /// Labelled and unlabelled looks are compared side by side: a look the camera's history has
    /// seen on one day only does not count, the labelled one beside it does.
    @Test func labelledLooksJoinTheHistorysOwn() {
        var history = EmptyLooks()
        history.learn(["a": EmptyLooksTests.asphalt(seed: 1)], free: ["a"], day: 100)
        var labelled = EmptyLooks()
        labelled.learnLabelled(["a": EmptyLooksTests.asphalt(seed: 2)], free: ["a"])
        let crop = ["a": EmptyLooksTests.asphalt(seed: 3)]
        #expect(history.matching(crop, among: ["a"]).isEmpty)
        #expect(history.merging(labelled).matching(crop, among: ["a"]) == ["a"])
        #expect(history.merging(labelled).spaces["a"]?.count == 2)
    }

    /// Three labelled frames whose cars the detector boxed make a side view; boxes that miss
    /// the labelled cars, or fewer frames, do not.
    @Test func labelledCarsTheDetectorBoxedMakeASideView() {
        var boxed = LabelCalibration.Frames(), missed = LabelCalibration.Frames()
        for seed in 0..<HistoryAdaptation.sideViewFramesNeeded {
            let shown = frame(seed: UInt64(seed), carBoxed: true), hidden = frame(seed: UInt64(seed), carBoxed: false)
            #expect(!boxed.calibration(settings: settings).sideView)
            boxed.add(shown.decisions, labels: shown.labels, crops: shown.crops, settings: settings)
            missed.add(hidden.decisions, labels: hidden.labels, crops: hidden.crops, settings: settings)
        }
        #expect(boxed.calibration(settings: settings).sideView)
        #expect(!missed.calibration(settings: settings).sideView)
    }
}
