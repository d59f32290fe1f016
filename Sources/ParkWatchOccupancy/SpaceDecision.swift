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
    /// The detector's evidence only ever raises the occupied probability: a top-down view or a
    /// small far car gives no box, so the absence of a box says little (noisy-OR combination).
    public static func decide(
        _ score: SpaceScore, coverage: Double, boxScore: Double, settings: SpaceDecisionSettings
    ) -> SpaceDecision {
        let detection = boxScore * ramp(coverage, from: settings.coverageLow, to: settings.coverageHigh)
        let probability = 1 - (1 - score.occupiedProbability) * (1 - settings.detectionWeight * detection)
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
