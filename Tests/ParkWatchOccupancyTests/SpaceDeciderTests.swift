import Testing
@testable import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision
import Foundation

@Suite struct SpaceDeciderTests {
    let settings = SpaceDecisionSettings.default
    var prior: FusionWeights { .prior(settings: settings) }

    func score(_ probability: Double, brightness: Double = 120, sharpness: Double = 50) -> SpaceScore {
        SpaceScore(spaceID: "7", occupiedProbability: probability, brightness: brightness, sharpness: sharpness)
    }

    func decide(_ probability: Double, anchored: Bool = false, unboxed: Bool = false, blind: Bool = false, centred: Bool? = false,
                brightness: Double = 120, sharpness: Double = 50, weights: FusionWeights? = nil,
                frame: FrameQuality = FrameQuality()) -> SpaceDecision {
        let evidence = SpaceEvidence(
            classifier: SpaceEvidence.classifier(probability, settings: settings), anchored: anchored, unboxed: unboxed,
            blindFrame: blind, centred: centred)
        return SpaceDecider.decide(
            score(probability, brightness: brightness, sharpness: sharpness), evidence: evidence, coverage: 0,
            weights: weights ?? prior, settings: settings, frame: frame)
    }

    /// Logit / 2, capped at the classifier's zero-shot accuracy (92%).
    @Test func theClassifierIsTemperedAndCapped() {
        #expect(abs(SpaceEvidence.classifier(0.9, settings: settings) - log(9) / 2) < 1e-12)
        #expect(abs(SpaceEvidence.classifier(0.9999, settings: settings) - log(0.92 / 0.08)) < 1e-12)
        #expect(abs(SpaceEvidence.classifier(0, settings: settings) + log(0.92 / 0.08)) < 1e-12)
        let sure = decide(0.9999)
        #expect(sure.state == .occupied && abs(sure.confidence - 0.92) < 1e-9)
    }

    /// A hesitant classifier alone is weak evidence, not a conflict: where the boxes' centres lie
    /// settles it, at the low confidence it has.
    @Test func weakEvidenceIsSettledByWhereTheBoxesCentresLie() {
        let hesitant = decide(0.65)  // logit 0.62 / 2 = 0.31: under 60% either way
        #expect(hesitant.state == .free && hesitant.confidence < 0.6)
        #expect(decide(0.65, centred: true).state == .occupied)
        #expect(decide(0.45, centred: true).state == .occupied && decide(0.45).state == .free)
        // Weighed evidence with no detector to settle it stays unknown.
        #expect(decide(0.65, centred: nil).state == .unknown)
        // Evidence at 60% or more decides, wherever the centres lie.
        #expect(decide(0.75).state == .occupied && decide(0.2, centred: true).state == .free)
    }

    /// A crop judged alone is the network's calibrated probability, untempered: 0.65 is a verdict
    /// at 65%, and only the band around a coin toss is unknown.
    @Test func aCropJudgedAloneIsTheClassifiersOwnProbability() {
        let alone = SpaceDecider.decide(score(0.65), settings: settings)
        #expect(alone.state == .occupied && abs(alone.confidence - 0.65) < 1e-9)
        #expect(SpaceDecider.decide(score(0.3), settings: settings).state == .free)
        #expect(SpaceDecider.decide(score(0.55), settings: settings).state == .unknown)
        #expect(abs(SpaceDecider.decide(score(0.9999), settings: settings).confidence - settings.classifierTrust) < 1e-9)
    }

    /// In a view with depth the detector outvotes the classifier both ways: a box standing in the
    /// space makes it occupied, a space no box touches is free, whatever the crop looks like.
    @Test func inADepthViewTheBoxesOutweighTheClassifier() {
        let stain = decide(0.999, unboxed: true)
        #expect(stain.state == .free && stain.confidence > 0.6)
        let hidden = decide(0.01, anchored: true)
        #expect(hidden.state == .occupied)
        let both = decide(0.99, anchored: true)
        #expect(both.state == .occupied && both.confidence > 0.99)
        // A neighbour's box over part of the space (neither anchored nor unboxed): the classifier decides.
        #expect(decide(0.02).state == .free && decide(0.98).state == .occupied)
    }

    /// The detector returned nothing while the classifier is sure of half the lot: one of them is
    /// broken, so what only the classifier calls occupied is unknown.
    @Test func aBlindFrameLeavesTheClassifiersCarsUnknown() {
        #expect(decide(0.99, unboxed: true, blind: true).state == .unknown)
        #expect(decide(0.99, blind: true).state == .unknown)
        #expect(decide(0.05, unboxed: true, blind: true).state == .free)
    }

    @Test func aDarkOrBlurredViewIsUnknownUnlessAVehicleStandsThere() {
        let dark = decide(0.02, brightness: 8)
        #expect(dark.state == .unknown && dark.viewProblem == "too dark")
        let covered = decide(0.02, sharpness: 0.5)
        #expect(covered.state == .unknown && covered.viewProblem == "blurred or covered")
        let seen = decide(0.6, anchored: true, brightness: 8)
        #expect(seen.state == .occupied && seen.viewProblem == nil)
    }

    /// A flat crop in a sharp frame is bare ground (smooth asphalt, a far space too small to show
    /// texture): a parked car is not flat. No box touching it in a view with depth, the missing box
    /// judges it; elsewhere (touched, or a layout without depth) it is judged where the classifier
    /// too reads it free, and unknown where the classifier calls it taken. In a frame flat as a
    /// whole (fog, a covered lens) it stays unknown.
    @Test func aFlatCropInASharpFrameIsGround() {
        let sharp = FrameQuality(lit: true, sharp: true)
        for probability in [0.02, 0.5, 0.99] {
            let ground = decide(probability, unboxed: true, sharpness: 0.5, frame: sharp)
            #expect(ground.state == .free && ground.viewProblem == nil, "p \(probability)")
        }
        let agreed = decide(0.2, sharpness: 0.5, frame: sharp)
        #expect(agreed.state == .free && agreed.viewProblem == nil)
        let taken = decide(0.8, sharpness: 0.5, frame: sharp)
        #expect(taken.state == .unknown && taken.viewProblem == "blurred or covered")
        let fog = decide(0.02, unboxed: true, sharpness: 0.5, frame: FrameQuality(lit: true, sharp: false))
        #expect(fog.state == .unknown && fog.viewProblem == "blurred or covered")
        let coveredLens = decide(0.02, sharpness: 0.5, frame: FrameQuality(lit: true, sharp: false))
        #expect(coveredLens.state == .unknown && coveredLens.viewProblem == "blurred or covered")
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

    @Test func aViewHasDepthWhenItsSpacesShrinkWithDistanceOrItsLayoutSaysSo() {
        let oblique = rowOfSpaces(heights: [20, 25, 30, 40, 50, 60, 70, 80])
        let topDown = rowOfSpaces(heights: [40, 40, 41, 40, 42, 40, 40, 44])
        #expect(abs(SpaceDecider.areaSpread(of: oblique) - 70.0 / 25.0) < 1e-12)  // 90th and 10th percentiles
        #expect(SpaceDecider.hasDepth(oblique, settings: settings) && !SpaceDecider.hasDepth(topDown, settings: settings))
        #expect(!SpaceDecider.hasDepth(rowOfSpaces(heights: [10, 90, 10]), settings: settings))  // too few to tell
        var stated = topDown
        stated.view = .depth
        #expect(SpaceDecider.hasDepth(stated, settings: settings))
        stated = oblique
        stated.view = .topDown
        #expect(!SpaceDecider.hasDepth(stated, settings: settings))
    }

    /// A box goes to the space its centre line stands in, not to every space it overlaps; one too
    /// small for the space (a shrub) anchors nothing.
    @Test func aBoxAnchorsTheSpaceItStandsIn() {
        let layout = rowOfSpaces(heights: [40, 40, 40])
        // A car in space 1 whose box reaches up over most of space 0 (an oblique view).
        let car = VehicleBox(x: 2, y: 10, w: 46, h: 65, score: 0.8, label: "car")
        #expect(BoxAssignment.anchored([car], spaces: layout.spaces, settings: settings) == [false, true, false])
        let shrub = VehicleBox(x: 20, y: 90, w: 10, h: 10, score: 0.5, label: "car")
        #expect(BoxAssignment.anchored([shrub], spaces: layout.spaces, settings: settings) == [false, false, false])
        #expect(PolygonGeometry.contains(Point(x: 25, y: 60), in: layout.spaces[1].polygon))
        #expect(!PolygonGeometry.contains(Point(x: 60, y: 60), in: layout.spaces[1].polygon))
    }

    /// Outlines drawn as boxes around each space overlap; a car's box centre lying in two of them
    /// settles only the one the classifier reads likelier taken, while the box-centre baseline
    /// counts it in both.
    @Test func aBoxCentreInOverlappingOutlinesSettlesOneSpace() {
        let square = { (id: String, left: Double) in
            ParkingSpace(id: id, polygon: [Point(x: left, y: 0), Point(x: left + 60, y: 0), Point(x: left + 60, y: 60), Point(x: left, y: 60)])
        }
        let layout = LotLayout(spaces: [square("taken", 0), square("free", 40), square("far", 200)])
        let car = VehicleBox(x: 10, y: 10, w: 40, h: 40, score: 0.8, label: "car")  // centre (30, 30): in "taken" alone
        let overlapping = VehicleBox(x: 25, y: 10, w: 40, h: 40, score: 0.8, label: "car")  // centre (45, 30): in both
        #expect(BoxAssignment.centred([overlapping], spaces: layout.spaces) == [true, true, false])
        let probabilities = [0.58, 0.55, 0.1]
        let frame = FrameEvidence(layout: layout, boxes: [overlapping], probabilities: probabilities, settings: settings)
        #expect(probabilities.indices.map { frame.evidence(of: $0, probability: probabilities[$0]).centred } == [true, false, false])
        let states = probabilities.indices.map { index in
            SpaceDecider.decide(
                score(probabilities[index]), evidence: frame.evidence(of: index, probability: probabilities[index]),
                coverage: frame.coverages[index], weights: prior, settings: settings).state
        }
        #expect(states == [.occupied, .free, .free])
        let alone = FrameEvidence(layout: layout, boxes: [car], probabilities: probabilities, settings: settings)
        #expect(alone.evidence(of: 0, probability: 0.58).centred == true && alone.evidence(of: 1, probability: 0.55).centred == false)
    }

    /// A car's box standing in a space whose outline covers a third of the next one's spills over
    /// that one without touching it: the next space's missing box still counts. Outlines traced
    /// edge to edge (sharing under a fifth) keep the spill-over as a touch.
    @Test func aBoxInAnOverlappingOutlineDoesNotTouchItsNeighbour() {
        let quad = { (id: String, left: Double) in
            ParkingSpace(id: id, polygon: [Point(x: left, y: 0), Point(x: left + 60, y: 0), Point(x: left + 60, y: 60), Point(x: left, y: 60)])
        }
        let car = VehicleBox(x: 5, y: 5, w: 55, h: 50, score: 0.8, label: "car")  // stands in the first, over 10-20 px of the next
        let overlapping = LotLayout(spaces: [quad("a", 0), quad("b", 40)])  // b shares 20 of its 60 px
        let traced = LotLayout(spaces: [quad("a", 0), quad("b", 50)])  // b shares 10: a sixth
        let untouched = { (layout: LotLayout) in
            FrameEvidence(layout: layout, boxes: [car], probabilities: [0.99, 0.9], settings: self.settings).untouched
        }
        #expect(untouched(overlapping) == [false, true])
        #expect(untouched(traced) == [false, false])
        // In a lifted frame the detector's recall is measured on the spaces the classifier is sure
        // of; b's sureness comes from a's car where the outlines overlap, so b is left out of it.
        let far = [quad("c", 200), quad("d", 300)]
        let farCar = VehicleBox(x: 205, y: 5, w: 50, h: 50, score: 0.8, label: "car")
        let weight = { (layout: LotLayout) in
            FrameEvidence(
                layout: LotLayout(spaces: layout.spaces + far), boxes: [car, farCar], probabilities: [0.99, 0.99, 0.99, 0.99],
                corrected: true, settings: self.settings
            ).missingBoxWeight
        }
        // Sure of a, b, c, d with a and c boxed: recall (2 + 8 × 0.95) / 12; without b, (2 + 7.6) / 11.
        #expect(abs(weight(traced) - log(1 - 9.6 / 12) / log(0.05)) < 1e-9)
        #expect(abs(weight(overlapping) - log(1 - 9.6 / 11) / log(0.05)) < 1e-9)
    }

    /// Without a detector (`annotate --no-detector`) a missing box says nothing, even in a view with
    /// depth, and no box centre settles a hesitant classifier.
    @Test func withoutADetectorTheClassifierAloneDecides() {
        let layout = rowOfSpaces(heights: [20, 30, 40, 60, 80])
        let probabilities = [0.99, 0.55, 0.1, 0.1, 0.1]
        let unseen = FrameEvidence(layout: layout, boxes: nil, probabilities: probabilities, settings: settings)
        let seen = FrameEvidence(layout: layout, boxes: [], probabilities: probabilities, settings: settings)
        #expect(!unseen.evidence(of: 0, probability: 0.99).unboxed && seen.evidence(of: 0, probability: 0.99).unboxed)
        #expect(unseen.evidence(of: 1, probability: 0.55).centred == nil && seen.evidence(of: 1, probability: 0.55).centred == false)
        let decided = { (frame: FrameEvidence, index: Int) in
            SpaceDecider.decide(
                self.score(probabilities[index]), evidence: frame.evidence(of: index, probability: probabilities[index]),
                coverage: 0, weights: self.prior, settings: self.settings).state
        }
        #expect(decided(unseen, 0) == .occupied && decided(seen, 0) == .free)
        #expect(decided(unseen, 1) == .unknown && decided(seen, 1) == .free)
    }

    /// A far car the detector scores under its threshold: its faint box is not counted and anchors
    /// nothing, but the space is no longer one the detector saw empty, so the classifier decides.
    @Test func aFaintBoxLeavesTheSpaceToTheClassifier() {
        let layout = rowOfSpaces(heights: [20, 30, 40, 60, 80])
        let probabilities = [0.97, 0.1, 0.1, 0.1, 0.1]
        let faintCar = VehicleBox(x: 4, y: 2, w: 44, h: 17, score: 0.2, label: "car")
        // Under `touchCoverage` of the space: the missing box keeps its weight.
        let corner = VehicleBox(x: 45, y: 0, w: 5, h: 3, score: 0.2, label: "car")
        let states = { (faint: [VehicleBox]) in
            let frame = FrameEvidence(layout: layout, boxes: [], faint: faint, probabilities: probabilities, settings: self.settings)
            return probabilities.indices.map { index in
                SpaceDecider.decide(
                    self.score(probabilities[index]), evidence: frame.evidence(of: index, probability: probabilities[index]),
                    coverage: frame.coverages[index], weights: self.prior, settings: self.settings).state
            }
        }
        #expect(states([]) == [.free, .free, .free, .free, .free])
        #expect(states([faintCar]) == [.occupied, .free, .free, .free, .free])
        #expect(states([corner]) == [.free, .free, .free, .free, .free])
        let frame = FrameEvidence(layout: layout, boxes: [], faint: [faintCar], probabilities: probabilities, settings: settings)
        let evidence = frame.evidence(of: 0, probability: 0.97)
        #expect(!evidence.unboxed && !evidence.anchored && evidence.centred == false && frame.coverages[0] == 0)
    }

    /// A faint box standing in the next space is that space's: spilling over a space of median
    /// size or larger it says nothing of it, and a stain the classifier calls occupied stays free.
    /// In the far rows, where a far car's faint box often stands in the space behind it, it still
    /// leaves the space to the classifier.
    @Test func aFaintBoxStandingNextDoorLeavesTheMissingBoxItsWeight() {
        let layout = rowOfSpaces(heights: [40, 40, 40, 20, 20])
        let probabilities = [0.97, 0.1, 0.1, 0.97, 0.1]
        let nextDoor = VehicleBox(x: 4, y: 30, w: 44, h: 44, score: 0.2, label: "car")  // stands in space 1, over a quarter of space 0
        let farNextDoor = VehicleBox(x: 4, y: 135, w: 44, h: 24, score: 0.2, label: "car")  // stands in space 4, over space 3
        let frame = FrameEvidence(layout: layout, boxes: [], faint: [nextDoor, farNextDoor], probabilities: probabilities, settings: settings)
        #expect(frame.evidence(of: 0, probability: 0.97).unboxed && !frame.evidence(of: 1, probability: 0.1).unboxed)
        #expect(!frame.evidence(of: 3, probability: 0.97).unboxed && !frame.evidence(of: 4, probability: 0.1).unboxed)
        let states = probabilities.indices.map { index in
            SpaceDecider.decide(
                score(probabilities[index]), evidence: frame.evidence(of: index, probability: probabilities[index]),
                coverage: frame.coverages[index], weights: prior, settings: settings).state
        }
        #expect(states == [.free, .free, .free, .occupied, .free])
    }

    /// A camera whose detector misses its far cars, and whose near ground has stains the classifier
    /// takes for cars: its labels teach the fusion to believe the classifier in far unboxed spaces
    /// and still not in near ones.
    @Test func calibrationLearnsWhatTheCamerasLabelsShow() {
        let sure = SpaceEvidence.classifier(0.97, settings: settings)
        let kinds: [(SpaceEvidence, Bool)] = [
            (SpaceEvidence(classifier: sure, unboxed: true, smallness: 2), true),  // far car, missed
            (SpaceEvidence(classifier: -sure, unboxed: true, smallness: 2), false),  // far free
            (SpaceEvidence(classifier: sure, anchored: true), true),  // near car, boxed
            (SpaceEvidence(classifier: sure, unboxed: true), false),  // near stain
        ]
        let samples = (0..<200).map { FusionFit.Sample(evidence: kinds[$0 % 4].0, occupied: kinds[$0 % 4].1) }
        let fitted = FusionFit.fit(samples, prior: prior, priorPrecision: settings.labelPrior)
        let (farCar, nearStain) = (kinds[0].0, kinds[3].0)
        #expect(prior.logOdds(farCar) < 0 && fitted.logOdds(farCar) > 0)
        #expect(fitted.logOdds(nearStain) < 0 && fitted.logOdds(kinds[2].0) > 0)
        // No labels: the prior stands.
        #expect(FusionFit.fit([], prior: prior, priorPrecision: 1) == prior)
    }

    /// Labels that say the opposite of the prior everywhere (every boxed space free, every unboxed
    /// one taken, the classifier sure and wrong): Newton's full steps from the prior swing ever
    /// wider there; the halved ones reach the posterior's optimum, where its gradient vanishes.
    @Test func labelsAtOddsWithThePriorStillFit() {
        let sure = SpaceEvidence.classifier(0.97, settings: settings)
        let boxedFree = SpaceEvidence(classifier: sure, anchored: true), unboxedTaken = SpaceEvidence(classifier: -sure, unboxed: true)
        let samples = (0..<80).map { $0 < 40 ? FusionFit.Sample(evidence: boxedFree, occupied: false) : .init(evidence: unboxedTaken, occupied: true) }
        let fitted = FusionFit.fit(samples, prior: prior, priorPrecision: settings.labelPrior)
        let (gradient, _) = FusionFit.derivatives(samples, at: fitted.vector, prior: prior.vector, precision: settings.labelPrior)
        #expect(gradient.map(abs).max() ?? 1 < 1e-6, "gradient \(gradient)")
        #expect(fitted.logOdds(boxedFree) < 0 && fitted.logOdds(unboxedTaken) > 0)
    }

    /// Five frames of one morning (40 spaces each), the classifier right in every space, the
    /// detector missing one far car in one frame. One missed car is one label, not a rule: the
    /// next day's far false alarm with no box stays free. Held with precision 1, that one label
    /// was enough to make the classifier outweigh the missing box.
    @Test func oneMissedFarCarDoesNotOverruleMissingBoxes() {
        let sure = SpaceEvidence.classifier(0.97, settings: settings)
        let farCarMissed = SpaceEvidence(classifier: sure, unboxed: true, smallness: 1)
        var samples = [FusionFit.Sample(evidence: farCarMissed, occupied: true)]
        for _ in 0..<5 {
            samples += (0..<6).map { _ in .init(evidence: SpaceEvidence(classifier: sure, anchored: true), occupied: true) }
            samples += (0..<33).map { index in
                .init(evidence: SpaceEvidence(classifier: -sure, unboxed: true, smallness: index < 8 ? 1 : 0), occupied: false)
            }
        }
        let fitted = FusionFit.fit(samples, prior: prior, priorPrecision: settings.labelPrior)
        #expect(fitted.logOdds(farCarMissed) < 0)
        #expect(fitted.logOdds(SpaceEvidence(classifier: sure, anchored: true)) > 0)
        #expect(FusionFit.fit(samples, prior: prior, priorPrecision: 1).logOdds(farCarMissed) > 0)
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
