import ParkWatchSpaces

/// How per-space evidence becomes a state. Defaults are round values chosen on the shared sets
/// (see README, "Per-space occupancy"); they are settings so a site can move them.
public struct SpaceDecisionSettings: Sendable, Equatable, Codable {
    /// A verdict less confident than this is `unknown`, never silently free.
    public var unknownBelow = 0.6
    /// Mean grey of the crop (0-255) under which the view is too dark to judge.
    public var minBrightness = 20.0
    /// Variance of the crop's Laplacian under which it is blurred or covered.
    public var minSharpness = 4.0
    /// How far a vehicle box covering the space can raise the occupied probability (0 = ignore boxes).
    public var detectionWeight = 0.8
    /// Box coverage of the space (intersection over the space's area) counts from `coverageLow`
    /// and fully from `coverageHigh`: oblique boxes spill over neighbouring spaces.
    public var coverageLow = 0.3
    public var coverageHigh = 0.7
    /// A space the classifier scores at least this occupied counts as a vehicle the detector should
    /// have found, when measuring the detector's recall in a frame…
    public var sureOccupied = 0.9
    /// Vehicles imagined missed when measuring recall (a Beta prior): with few sure vehicles in a
    /// frame the measure stays low, so a frame that shows little about the detector trusts it little.
    public var recallPriorMisses = 1.0
    /// The detector's measured recall is never trusted above this: a missing box can lower the
    /// odds of "occupied" twenty-fold at most.
    public var trustedRecall = 0.95
    /// What the detector is taken to have shown before any frame, in a view with depth (far spaces
    /// much smaller than near ones: a camera on a mast or a building, where COCO detectors box
    /// cars): 4 sure vehicles, 3 of them boxed. A frame with no sure vehicle, such as an empty lot,
    /// then trusts a missing box at 3 / (4 + 1) = 0.6, where it had nothing to go on; a few frames
    /// of a detector that finds nothing outweigh it. Views without depth (top-down) get none.
    public var depthViewRecall = RecallMemory(sure: 4, found: 3)
    /// A view has depth when its spaces' areas spread at least this much (90th over 10th
    /// percentile). PKLot UFPR05: 2.9; the seed's top-down masks: 1.04 and 1.16.
    public var depthAreaSpread = 1.5
    /// Sure vehicles' worth of a camera's earlier frames kept when measuring the detector's recall
    /// (0 = each frame alone). The frame's own vehicles count one each on top, so a frame where the
    /// detector plainly fails (night, fog) still outweighs a good history.
    public var recallMemory = 20.0
    /// A change of confirmed state needs this many agreeing photos in a row…
    public var confirmPhotos = 2
    /// …or one photo at least this confident.
    public var confirmConfidence = 0.9

    public init() {}
    public static let `default` = SpaceDecisionSettings()
}

/// One space in one photo, before anti-flicker confirmation.
public struct SpaceDecision: Sendable, Equatable {
    public var spaceID: String
    public var state: SpaceState
    /// Certainty of the verdict: max(p, 1 − p) of the combined occupied probability.
    public var confidence: Double
    public var occupiedProbability: Double
    public var classifierProbability: Double
    /// Largest share of the space covered by one vehicle box.
    public var coverage: Double
    /// Why the view could not be judged, when that is why the state is `unknown`.
    public var viewProblem: String?

    public init(
        spaceID: String, state: SpaceState, confidence: Double, occupiedProbability: Double,
        classifierProbability: Double, coverage: Double, viewProblem: String? = nil
    ) {
        self.spaceID = spaceID
        self.state = state
        self.confidence = confidence
        self.occupiedProbability = occupiedProbability
        self.classifierProbability = classifierProbability
        self.coverage = coverage
        self.viewProblem = viewProblem
    }
}

/// Combines the classifier's reading of the crop with the detector's boxes over the space.
public enum SpaceDecider {
    /// A box over the space raises the occupied probability (noisy-OR). The absence of a box lowers
    /// it only as far as the detector proved it finds vehicles in this view (`detectorRecall`, from
    /// `detectorRecall(…)`): near 0 top-down, where COCO detectors find nothing and the classifier
    /// stands alone; near 1 in oblique views, where a shadow or stain the classifier takes for a
    /// car has no box. Bayes: a missing box multiplies the odds of "occupied" by 1 − recall.
    public static func decide(
        _ score: SpaceScore, coverage: Double, boxScore: Double, detectorRecall: Double = 0, settings: SpaceDecisionSettings
    ) -> SpaceDecision {
        let detection = boxScore * ramp(coverage, from: settings.coverageLow, to: settings.coverageHigh)
        var probability = 1 - (1 - score.occupiedProbability) * (1 - settings.detectionWeight * detection)
        if coverage < settings.coverageLow, detectorRecall > 0 {
            let recall = min(detectorRecall, settings.trustedRecall) * (1 - coverage / settings.coverageLow)
            probability = lowered(probability, oddsFactor: 1 - recall)
        }
        let confidence = max(probability, 1 - probability)
        var decision = SpaceDecision(
            spaceID: score.spaceID, state: probability >= 0.5 ? .occupied : .free, confidence: confidence,
            occupiedProbability: probability, classifierProbability: score.occupiedProbability, coverage: coverage)
        if let problem = viewProblem(score, settings: settings), detection < 0.5 {
            decision.state = .unknown
            decision.viewProblem = problem
        } else if confidence < settings.unknownBelow {
            decision.state = .unknown
        }
        return decision
    }

    /// The share of the vehicles the classifier is sure of that some box covers: the detector's
    /// recall in this frame's view, with what `memory` holds of the camera's earlier frames added.
    /// A Beta prior keeps few sure vehicles from proving much: `prior` (the view's, from
    /// `recallPrior(for:settings:)`) plus `recallPriorMisses` imagined misses.
    public static func detectorRecall(
        frame: RecallMemory, memory: RecallMemory = RecallMemory(), prior: RecallMemory = RecallMemory(),
        settings: SpaceDecisionSettings
    ) -> Double {
        let found = frame.found + memory.found + prior.found
        return found / (frame.sure + memory.sure + prior.sure + max(settings.recallPriorMisses, 1e-9))
    }

    /// `depthViewRecall` for a view with depth: the layout's `view`, else spaces that shrink with
    /// distance. Nothing for a top-down view.
    public static func recallPrior(for layout: LotLayout, settings: SpaceDecisionSettings) -> RecallMemory {
        let hasDepth = layout.view.map { $0 == .depth } ?? (areaSpread(of: layout) >= settings.depthAreaSpread)
        return hasDepth ? settings.depthViewRecall : RecallMemory()
    }

    /// The 90th over the 10th percentile of the spaces' areas; 1 for fewer than 4 spaces.
    static func areaSpread(of layout: LotLayout) -> Double {
        let areas = layout.spaces.map { PolygonGeometry.area($0.polygon) }.sorted()
        guard areas.count >= 4, let smallest = areas.first, smallest > 0 else { return 1 }
        let percentile = { (share: Double) in areas[Int((Double(areas.count - 1) * share).rounded())] }
        return percentile(0.9) / percentile(0.1)
    }

    static func lowered(_ probability: Double, oddsFactor: Double) -> Double {
        let odds = min(probability, 1 - 1e-9) / max(1 - probability, 1e-9) * oddsFactor
        return odds / (1 + odds)
    }

    static func viewProblem(_ score: SpaceScore, settings: SpaceDecisionSettings) -> String? {
        if score.brightness < settings.minBrightness { return "too dark" }
        if score.sharpness < settings.minSharpness { return "blurred or covered" }
        return nil
    }

    static func ramp(_ value: Double, from low: Double, to high: Double) -> Double {
        guard high > low else { return value >= high ? 1 : 0 }
        return min(1, max(0, (value - low) / (high - low)))
    }
}
