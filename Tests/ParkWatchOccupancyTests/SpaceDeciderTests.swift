import Testing
@testable import ParkWatchOccupancy
import ParkWatchSpaces

@Suite struct SpaceDeciderTests {
    let settings = SpaceDecisionSettings.default

    func score(_ probability: Double, brightness: Double = 120, sharpness: Double = 50) -> SpaceScore {
        SpaceScore(spaceID: "7", occupiedProbability: probability, brightness: brightness, sharpness: sharpness)
    }

    @Test func theClassifierAloneDecidesWhenNoBoxCovers() {
        let occupied = SpaceDecider.decide(score(0.97), coverage: 0, boxScore: 0, settings: settings)
        #expect(occupied.state == .occupied && abs(occupied.confidence - 0.97) < 1e-9)
        let free = SpaceDecider.decide(score(0.04), coverage: 0, boxScore: 0, settings: settings)
        #expect(free.state == .free && abs(free.confidence - 0.96) < 1e-9)
    }

    @Test func aHesitantClassifierIsUnknownNotFree() {
        let decision = SpaceDecider.decide(score(0.45), coverage: 0, boxScore: 0, settings: settings)
        #expect(decision.state == .unknown)
    }

    @Test func aCoveringVehicleBoxRaisesButAnAbsentOneLowersNothingWhereTheDetectorFindsNothing() {
        let raised = SpaceDecider.decide(score(0.3), coverage: 0.9, boxScore: 0.9, settings: settings)
        #expect(raised.state == .occupied)
        #expect(raised.occupiedProbability > 0.3)
        // A box spilling a little over the space (oblique view) adds nothing.
        let spill = SpaceDecider.decide(score(0.1), coverage: 0.25, boxScore: 0.9, settings: settings)
        #expect(abs(spill.occupiedProbability - 0.1) < 1e-12 && spill.state == .free)
        // No box: a top-down view where the detector sees nothing; the classifier stands alone.
        let topDown = SpaceDecider.decide(score(0.95), coverage: 0, boxScore: 0, settings: settings)
        #expect(topDown.state == .occupied)
    }

    @Test func whereTheDetectorFindsTheVehiclesAMissingBoxLowersTheOddsByItsRecall() {
        // Recall 0.9: odds of 0.75 (3:1) become 0.3:1, so a shadow the classifier took for a car is free.
        let shadow = SpaceDecider.decide(score(0.75), coverage: 0, boxScore: 0, detectorRecall: 0.9, settings: settings)
        #expect(abs(shadow.occupiedProbability - 0.3 / 1.3) < 1e-9 && shadow.state == .free)
        // A car the classifier is sure of survives a missed box.
        let missed = SpaceDecider.decide(score(0.995), coverage: 0, boxScore: 0, detectorRecall: 0.9, settings: settings)
        #expect(missed.state == .occupied)
        // Recall is capped: a perfect frame still leaves odds at 1/20, not zero.
        let capped = SpaceDecider.decide(score(0.5), coverage: 0, boxScore: 0, detectorRecall: 1, settings: settings)
        #expect(abs(capped.occupiedProbability - 0.05 / 1.05) < 1e-9)
        // A box covering part of the space weakens the missing-box evidence in proportion.
        let partial = SpaceDecider.decide(score(0.75), coverage: 0.15, boxScore: 0.9, detectorRecall: 0.9, settings: settings)
        #expect(abs(partial.occupiedProbability - 3 * 0.55 / (1 + 3 * 0.55)) < 1e-9)
    }

    private func recall(_ probabilities: [Double], _ coverages: [Double], memory: RecallMemory = RecallMemory()) -> Double {
        let frame = RecallMemory.evidence(classifierProbabilities: probabilities, coverages: coverages, settings: settings)
        return SpaceDecider.detectorRecall(frame: frame, memory: memory, settings: settings)
    }

    @Test func recallIsTheShareOfSureVehiclesABoxCoversShrunkWhenThereAreFew() {
        let probabilities = [0.99, 0.95, 0.97, 0.92, 0.2, 0.5]
        let coverages = [0.8, 0.6, 0.0, 0.9, 0.0, 0.9]
        // Three of four sure vehicles boxed, plus one imagined miss: 3 / 5.
        #expect(recall(probabilities, coverages) == 0.6)
        // Top-down: sure vehicles, no boxes at all.
        #expect(recall(probabilities, coverages.map { _ in 0 }) == 0)
        // One boxed vehicle says little: 1 / 2.
        #expect(recall([0.99, 0.1], [0.9, 0]) == 0.5)
        #expect(recall([], []) == 0)
    }

    @Test func anEmptyFrameBorrowsTheCamerasEarlierRecallButAFailingFrameOutweighsIt() {
        // 18 of 20 vehicles boxed in busy frames; an empty frame (one stain the classifier is sure of).
        let history = RecallMemory(sure: 20, found: 18)
        #expect(recall([0.95, 0.1], [0, 0]) == 0)
        #expect(abs(recall([0.95, 0.1], [0, 0], memory: history) - 18.0 / 22) < 1e-12)
        // A night frame: twenty sure vehicles, no box; the history no longer carries it.
        #expect(recall(Array(repeating: 0.95, count: 20), Array(repeating: 0, count: 20), memory: history) < 0.45)
    }

    @Test func memoryKeepsAtMostItsLimitOfVehiclesWeightedTowardsRecentFrames() {
        var memory = RecallMemory()
        for _ in 0..<10 { memory = memory.adding(RecallMemory(sure: 5, found: 5), limit: 20) }
        #expect(memory == RecallMemory(sure: 20, found: 20))
        for _ in 0..<10 { memory = memory.adding(RecallMemory(sure: 5, found: 0), limit: 20) }
        #expect(memory.sure == 20 && memory.found < 2.5)
        #expect(memory.adding(RecallMemory(sure: 3, found: 3), limit: 0) == RecallMemory(sure: 0, found: 0))
    }

    /// Spaces 50 px wide, one below the other, of the given heights.
    private func rowOfSpaces(heights: [Double]) -> LotLayout {
        var top = 0.0
        return LotLayout(spaces: heights.enumerated().map { index, height in
            defer { top += height }
            return ParkingSpace(id: "\(index)", polygon: [Point(x: 0, y: top), Point(x: 50, y: top),
                                                         Point(x: 50, y: top + height), Point(x: 0, y: top + height)])
        })
    }

    @Test func onlyAViewWhoseSpacesShrinkWithDistanceGetsTheDetectorPrior() {
        let settings = SpaceDecisionSettings.default
        let oblique = rowOfSpaces(heights: [20, 25, 30, 40, 50, 60, 70, 80])
        let topDown = rowOfSpaces(heights: [40, 40, 41, 40, 42, 40, 40, 44])
        #expect(abs(SpaceDecider.areaSpread(of: oblique) - 70.0 / 25.0) < 1e-12)  // 90th and 10th percentiles
        #expect(SpaceDecider.recallPrior(for: oblique, settings: settings) == settings.depthViewRecall)
        #expect(SpaceDecider.recallPrior(for: topDown, settings: settings) == RecallMemory())
        // Too few spaces to tell.
        #expect(SpaceDecider.recallPrior(for: rowOfSpaces(heights: [10, 90, 10]), settings: settings) == RecallMemory())
        // The layout's own `view` overrides the sizes either way.
        var stated = topDown
        stated.view = .depth
        #expect(SpaceDecider.recallPrior(for: stated, settings: settings) == settings.depthViewRecall)
        stated = oblique
        stated.view = .topDown
        #expect(SpaceDecider.recallPrior(for: stated, settings: settings) == RecallMemory())
        // With the prior alone, a missing box is trusted at 3 / (4 + 1).
        let recall = SpaceDecider.detectorRecall(frame: RecallMemory(), prior: settings.depthViewRecall, settings: settings)
        #expect(abs(recall - 0.6) < 1e-12)
    }

    @Test func aDarkOrBlurredViewIsUnknownUnlessAVehicleIsPlainlySeen() {
        let dark = SpaceDecider.decide(score(0.02, brightness: 8), coverage: 0, boxScore: 0, settings: settings)
        #expect(dark.state == .unknown && dark.viewProblem == "too dark")
        let covered = SpaceDecider.decide(score(0.02, sharpness: 0.5), coverage: 0, boxScore: 0, settings: settings)
        #expect(covered.state == .unknown && covered.viewProblem == "blurred or covered")
        let seen = SpaceDecider.decide(score(0.6, brightness: 8), coverage: 0.95, boxScore: 0.9, settings: settings)
        #expect(seen.state == .occupied && seen.viewProblem == nil)
    }
}

@Suite struct SpaceTrackerTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    var settings: SpaceDecisionSettings {
        var settings = SpaceDecisionSettings.default
        settings.confirmPhotos = 2
        settings.confirmConfidence = 0.9
        return settings
    }

    func decision(_ state: SpaceState, _ confidence: Double, id: String = "a") -> SpaceDecision {
        SpaceDecision(spaceID: id, state: state, confidence: confidence, occupiedProbability: 0, classifierProbability: 0, coverage: 0)
    }

    func run(_ sequence: [(SpaceState, Double)]) -> [SpaceState] {
        var tracks: [String: SpaceTrack] = [:]
        var confirmed: [SpaceState] = []
        for (index, (state, confidence)) in sequence.enumerated() {
            let time = t0.addingTimeInterval(Double(index) * 60)
            tracks = SpaceTracker.advance(tracks, with: [decision(state, confidence)], at: time, settings: settings).tracks
            confirmed.append(tracks["a"]!.state)
        }
        return confirmed
    }

    @Test func aSingleLowConfidenceFlickerIsIgnored() {
        #expect(run([(.free, 0.95), (.occupied, 0.7), (.free, 0.95), (.free, 0.95)]) == [.free, .free, .free, .free])
    }

    @Test func twoAgreeingPhotosConfirmAChange() {
        #expect(run([(.free, 0.95), (.occupied, 0.7), (.occupied, 0.75)]) == [.free, .free, .occupied])
    }

    @Test func oneConfidentPhotoConfirmsAtOnce() {
        #expect(run([(.free, 0.95), (.occupied, 0.97)]) == [.free, .occupied])
    }

    @Test func changesAreReportedOnlyWhenConfirmed() {
        var tracks: [String: SpaceTrack] = [:]
        var all: [SpaceChange] = []
        for (index, state) in [SpaceState.free, .occupied, .occupied, .occupied].enumerated() {
            let step = SpaceTracker.advance(tracks, with: [decision(state, 0.8)], at: t0.addingTimeInterval(Double(index)), settings: settings)
            tracks = step.tracks
            all += step.changes
        }
        #expect(all.map(\.state) == [.free, .occupied])
    }

    @Test func aPhotoFromBeforeTheLastUpdateDoesNotMoveTheState() {
        let first = SpaceTracker.advance([:], with: [decision(.free, 0.95)], at: t0, settings: settings).tracks
        let late = SpaceTracker.advance(first, with: [decision(.occupied, 0.99)], at: t0.addingTimeInterval(-60), settings: settings)
        #expect(late.tracks == first && late.changes.isEmpty)
    }
}

import Foundation
