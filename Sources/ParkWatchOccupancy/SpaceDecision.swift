import ParkWatchSpaces

/// How per-space evidence becomes a state. Every value is a probability or a size fixed in
/// advance from what the models are known to do (docs/occupancy.md says where each comes from);
/// they are settings so a site can move them.
package struct SpaceDecisionSettings: Sendable, Equatable, Codable {
    /// A verdict less confident than this is weak evidence, not a verdict: the box-centre rule
    /// settles it (`SpaceEvidence.centred`); without a detector it is `unknown`.
    package var unknownBelow = 0.6
    /// …and up to this where the classifier alone weighs a space (`SpaceEvidence.classifierAlone`)
    /// in a frame read as taken and not mostly full (`SpaceEvidence.detectorTrusted`): there the
    /// detector misses few cars (the dev frames: 1 of 32), while a new camera's classifier
    /// calls free spaces a box spills over taken at p 0.7-0.9, which the temperature brings to
    /// 0.6-0.7 (docs/benchmarks.md, "Weak evidence").
    package var detectorSettlesBelow = 0.7
    /// Mean grey of the crop (0-255) under which the view is too dark to judge…
    package var minBrightness = 20.0
    /// …unless the frame is lit: the median of its spaces' mean grey is at least this. A dark
    /// crop in a lit frame is a shadow (a tree's, in the dev camera's mornings), which the
    /// detector sees through.
    package var litFrame = 40.0
    /// Variance of the crop's Laplacian under which it is blurred or covered, unless the frame is
    /// sharp (the median of its spaces' crops is at least this): then a flat crop is bare ground,
    /// smooth asphalt or a space too far to show texture, as a parked car is not flat (an occupied
    /// space's crop measures at least 130 in the dev camera's frames at 854×480, at least 7 in its
    /// proxy lit by lamps at night; a free one as little as 0.5). It is judged where no box touches
    /// it in a view with depth (the missing box judges it) or where the classifier too reads it
    /// free; a flat crop the classifier calls taken stays unknown.
    package var minSharpness = 4.0
    /// The classifier's logit is divided by this: it outputs p = 0.98-0.999 where it is right
    /// 75-95% of the time on a camera it never saw (model card).
    package var classifierTemperature = 2.0
    /// …and is worth no more than this probability, about its zero-shot accuracy.
    package var classifierTrust = 0.92
    /// A vehicle box standing in a space is right this often (YOLOX-Nano on PKLot: 0.96-0.98,
    /// less a little for assignment errors).
    package var boxPrecision = 0.95
    /// In a view with depth, the share of parked vehicles the detector boxes; a space no box
    /// touches is evidence of "free" by this much.
    package var detectorRecall = 0.95
    /// A frame's own detector recall (`FrameEvidence.missingBoxWeight`) is measured once a box
    /// stands in at least this many of the spaces the classifier is `blindSure` of…
    package var recallFromBoxed = 2
    /// …and pulled towards `detectorRecall` as if this many more such spaces had it: on a busy
    /// frame where the classifier is right, a few of its false alarms then weaken a missing box
    /// only a little.
    package var recallPriorSpaces = 8.0
    /// A box over less than this share of a space does not touch it (rounding, a neighbour's corner).
    package var touchCoverage = 0.10
    /// Outlines that share at least this much of a space's area are drawn as boxes around the
    /// spaces (or loosely), not traced edge to edge (PKLot's traced outlines share at most 0.18):
    /// a box standing in one of them says nothing of whether the other is free, so it does not
    /// touch it there.
    package var sharedOutline = 0.2
    /// A box smaller than this share of the space it stands in is not a vehicle parked there.
    package var smallestBoxShare = 0.25
    /// In a frame read as taken, a space whose boxes all score under `doubtfulBox` and that the
    /// classifier reads free with a probability under `sureFree` is weighed as if no box stood in it:
    /// on such light both models see as they learnt, and a doubtful box on ground the classifier is
    /// sure of is mostly the detector's false alarm (a light patched slab, half-full lots at
    /// 854×480, docs/benchmarks.md). In a lifted, stretched or sharpened frame the box stands: there
    /// the classifier reads dark or blurred cars as free.
    package var doubtfulBox = 0.5
    package var sureFree = 0.1
    /// In a frame whose spaces read mostly taken (`FrameLean.share` over one half), a missing box
    /// weighs less by this fraction of the logit of that share (`FrameLean`): in a full lot cars
    /// hide one another and the detector misses more of them.
    package var fullFramePull = 1.0
    /// A frame of fewer spaces has no share to speak of: its missing boxes weigh as the prior's.
    package var fullFrameSpaces = 8
    /// A frame of a depth view is blind when the detector returns no box at all while the
    /// classifier is at least `blindSure` of `blindShare` of the spaces: one model is broken, so
    /// the spaces only the classifier calls occupied are unknown.
    package var blindSure = 0.9
    package var blindShare = 0.5
    /// A view has depth when its spaces' areas spread at least this much (90th over 10th
    /// percentile). PKLot UFPR05: 2.9; the seed's top-down masks: 1.04 and 1.16.
    package var depthAreaSpread = 1.5
    /// A frame of a layout without depth (and no `view`) is judged as one with depth when vehicle
    /// boxes stand in at least this many of its spaces…
    package var sideViewAnchors = 2
    /// …and in at least this share of the spaces the classifier is `blindSure` of: the detector
    /// sees this camera's vehicles, so a missing box is evidence.
    package var sideViewShare = 0.5
    /// When a camera is calibrated from its own labels, each prior fusion weight is held with
    /// this precision (1 / variance, in log-odds), as if it were this many labelled spaces. A few
    /// frames' labels come from one light and one day; held more loosely, they teach the fusion
    /// to trust the classifier over a missing box, and the camera's next day pays for it in
    /// false alarms (docs/occupancy.md).
    package var labelPrior = 5.0
    /// The same for the classifier's weights refitted from the camera's unlabelled history
    /// (`HistoryAdaptation`), whose many readings come from every light the camera saw.
    package var historyPrior = 1.0
    /// A change of confirmed state needs this many agreeing photos in a row…
    package var confirmPhotos = 2
    /// …or one photo at least this confident.
    package var confirmConfidence = 0.9

    package init() {}
    package static let `default` = SpaceDecisionSettings()

    /// Whether a verdict of this `confidence` under `weights` is weak: under `unknownBelow`; or,
    /// where the classifier alone weighs the space and the frame's detector is trusted, under
    /// `detectorSettlesBelow`. That bar doubts a classifier no frame of the camera has calibrated.
    /// Weights that trust the classifier no more than the prior (a bias the camera's unlabelled
    /// frames taught, which never raises the classifier's weight) have doubted it already: there
    /// a verdict the prior weighs at or above the bar is not doubted twice. Labels that raise the
    /// classifier's weight fit its bias with it, so the fitted verdict meets the bar itself.
    func isWeak(_ confidence: Double, evidence: SpaceEvidence, weights: FusionWeights) -> Bool {
        if confidence < unknownBelow { return true }
        guard evidence.classifierAlone, evidence.detectorTrusted, confidence < detectorSettlesBelow else { return false }
        let prior = FusionWeights.prior(settings: self)
        guard weights.classifier <= prior.classifier else { return true }
        let priorVerdict = sigmoid(prior.logOdds(evidence))
        return max(priorVerdict, 1 - priorVerdict) < detectorSettlesBelow
    }
}

/// What a frame's spaces' crops say of the frame as a whole: a crop alone too dark or too flat
/// is a shadow or bare ground in a frame that is not.
package struct FrameQuality: Sendable, Equatable {
    /// The median of the spaces' mean grey is at least `SpaceDecisionSettings.litFrame`, and a
    /// detector looked.
    package var lit = false
    /// The median of the spaces' Laplacian variance is at least `SpaceDecisionSettings.minSharpness`.
    package var sharp = false

    package init(lit: Bool = false, sharp: Bool = false) {
        self.lit = lit
        self.sharp = sharp
    }
}

/// One space in one photo, before anti-flicker confirmation.
package struct SpaceDecision: Sendable, Equatable {
    package var spaceID: String
    package var state: SpaceState
    /// Certainty of the verdict: max(p, 1 − p) of the combined occupied probability.
    package var confidence: Double
    package var occupiedProbability: Double
    package var classifierProbability: Double
    /// Largest share of the space covered by one vehicle box.
    package var coverage: Double
    /// Why the view could not be judged, when that is why the state is `unknown`.
    package var viewProblem: String?
    /// The crop's mean grey and Laplacian variance when it was read (nil for decisions made elsewhere).
    package var brightness: Double?
    package var sharpness: Double?
    /// What the fusion weighed, for calibrating a camera from its labels.
    package var evidence: SpaceEvidence

    package init(
        spaceID: String, state: SpaceState, confidence: Double, occupiedProbability: Double,
        classifierProbability: Double, coverage: Double, viewProblem: String? = nil, evidence: SpaceEvidence = SpaceEvidence()
    ) {
        self.evidence = evidence
        self.spaceID = spaceID
        self.state = state
        self.confidence = confidence
        self.occupiedProbability = occupiedProbability
        self.classifierProbability = classifierProbability
        self.coverage = coverage
        self.viewProblem = viewProblem
    }
}

/// Combines the classifier's reading of the crop with the detector's boxes over the space, as a
/// sum of log-odds weighed by the camera's `FusionWeights`.
package enum SpaceDecider {
    /// `frame`: whether the frame is lit (and a detector looked at it) and sharp, by its spaces' crops.
    package static func decide(
        _ score: SpaceScore, evidence: SpaceEvidence, coverage: Double, weights: FusionWeights, settings: SpaceDecisionSettings,
        frame: FrameQuality = FrameQuality()
    ) -> SpaceDecision {
        var decision = SpaceDecision(
            spaceID: score.spaceID, state: .unknown, confidence: 0, occupiedProbability: 0,
            classifierProbability: score.occupiedProbability, coverage: coverage,
            viewProblem: viewProblem(score, evidence: evidence, frame: frame, settings: settings), evidence: evidence)
        (decision.brightness, decision.sharpness) = (score.brightness, score.sharpness)
        return redecide(decision, weights: weights, settings: settings)
    }

    /// The decision again under other weights, from the evidence it kept (a camera's
    /// calibration judged on labels it was not fitted on). A space is unknown only where the
    /// evidence conflicts or is missing: a view problem (unless a vehicle box stands in it), or
    /// a blind frame whose classifier calls it taken. Evidence that is merely weak (the weighed
    /// verdict under `unknownBelow`) is settled by where the boxes' centres lie, the rule a
    /// general detector follows, so the fusion never does worse than its detector there; except
    /// where this frame's detector has shown it misses cars (`missedByAWeakDetector`).
    package static func redecide(_ decision: SpaceDecision, weights: FusionWeights, settings: SpaceDecisionSettings) -> SpaceDecision {
        var result = decision
        let evidence = decision.evidence
        let probability = sigmoid(weights.logOdds(evidence))
        result.occupiedProbability = probability
        result.confidence = max(probability, 1 - probability)
        result.state = probability >= 0.5 ? .occupied : .free
        if decision.viewProblem != nil, !evidence.anchored {
            result.state = .unknown
        } else if evidence.blindFrame, evidence.classifier >= logit(settings.unknownBelow) {
            result.state = .unknown
        } else if settings.isWeak(result.confidence, evidence: evidence, weights: weights),
                  !missedByAWeakDetector(evidence, settings: settings) {
            result.state = evidence.centred.map { $0 ? .occupied : .free } ?? .unknown
        }
        if evidence.anchored { result.viewProblem = nil }
        return result
    }

    /// The spaces of `kept` whose decision `weights` read otherwise: decisions weighed before the
    /// camera's weights moved (its labels, or what its unlabelled frames taught since).
    package static func outweighed(_ kept: [String: SpaceDecision], weights: FusionWeights, settings: SpaceDecisionSettings) -> Set<String> {
        Set(kept.values.filter { redecide($0, weights: weights, settings: settings).state != $0.state }.map(\.spaceID))
    }

    /// The classifier is sure of a car no box touches, in a frame whose detector has shown that it
    /// misses cars (`SpaceEvidence.missingBoxWeight` under 1): the box-centre rule would hand the
    /// space back to the detector that missed it.
    static func missedByAWeakDetector(_ evidence: SpaceEvidence, settings: SpaceDecisionSettings) -> Bool {
        evidence.unboxed && evidence.missingBoxWeight < 1
            && evidence.classifier >= SpaceEvidence.classifier(settings.blindSure, settings: settings)
    }

    /// The classifier alone, as for a crop that is one whole space.
    package static func decide(_ score: SpaceScore, settings: SpaceDecisionSettings) -> SpaceDecision {
        let evidence = SpaceEvidence(classifier: SpaceEvidence.classifier(score.occupiedProbability, settings: settings, alone: true))
        return decide(score, evidence: evidence, coverage: 0, weights: .prior(settings: settings), settings: settings)
    }

    /// The layout's `view`, else spaces that shrink with distance (a camera on a mast or a
    /// building, where COCO detectors box cars; top-down they find nothing).
    package static func hasDepth(_ layout: LotLayout, settings: SpaceDecisionSettings) -> Bool {
        layout.view.map { $0 == .depth } ?? (areaSpread(of: layout) >= settings.depthAreaSpread)
    }

    /// The 90th over the 10th percentile of the spaces' areas; 1 for fewer than 4 spaces.
    static func areaSpread(of layout: LotLayout) -> Double {
        let areas = layout.spaces.map { PolygonGeometry.area($0.polygon) }.sorted()
        guard areas.count >= 4, let smallest = areas.first, smallest > 0 else { return 1 }
        let percentile = { (share: Double) in areas[Int((Double(areas.count - 1) * share).rounded())] }
        return percentile(0.9) / percentile(0.1)
    }

    static func viewProblem(_ score: SpaceScore, evidence: SpaceEvidence, frame: FrameQuality, settings: SpaceDecisionSettings) -> String? {
        if score.brightness < settings.minBrightness, !frame.lit { return "too dark" }
        if score.sharpness < settings.minSharpness, !(frame.sharp && (evidence.unboxed || evidence.classifier < 0)) {
            return "blurred or covered"
        }
        return nil
    }
}
