import Foundation

/// What a camera's own unlabelled frames teach about its classifier. Where the detector is
/// reliable (a box standing in a space; no box touching a space of median size or larger in a
/// view with depth) its verdict labels the space; over many frames these labels show how far the
/// classifier's evidence is to be trusted on this camera, e.g. that it calls free spaces occupied.
/// Only the classifier's two weights move: the detector terms stay the prior's, since the
/// detector cannot judge itself, and the classifier is never trusted more than the prior trusts
/// it, since far spaces, where it matters most, are the ones the detector cannot check.
package struct HistoryAdaptation: Sendable, Equatable, Codable {
    /// Detector-labelled spaces per bin of classifier evidence, decayed by `retention` a frame.
    package private(set) var free: [Double]
    package private(set) var occupied: [Double]
    package private(set) var frames: Int
    /// Each space's empty looks, from the same frames.
    package private(set) var looks = EmptyLooks()
    /// Frames of a layout without depth in which the detector boxed the vehicles
    /// (`FrameEvidence.boxesVehicles`).
    package private(set) var sideViewFrames = 0

    enum CodingKeys: String, CodingKey { case free, occupied, frames, looks, sideViewFrames = "side_view_frames" }

    /// Bins over the capped classifier evidence; 24 keep the fit within 0.1 log-odds of the exact one.
    static let binCount = 24
    /// Each frame's labels count this much less after every later frame: about a week of
    /// photos a minute before an old view weighs half, so light and seasons are relearned.
    static let retention = 0.99993
    /// Detector labels of each kind before the classifier is reweighed.
    package static let enoughOfEach = 20.0

    package init() {
        free = Array(repeating: 0, count: Self.binCount)
        occupied = Array(repeating: 0, count: Self.binCount)
        frames = 0
    }

    /// A camera's history stored before it kept empty looks starts its looks afresh.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        free = try container.decode([Double].self, forKey: .free)
        occupied = try container.decode([Double].self, forKey: .occupied)
        frames = try container.decode(Int.self, forKey: .frames)
        looks = try container.decodeIfPresent(EmptyLooks.self, forKey: .looks) ?? EmptyLooks()
        sideViewFrames = try container.decodeIfPresent(Int.self, forKey: .sideViewFrames) ?? 0
    }

    /// The camera's detector has boxed its vehicles often enough that a layout without depth is
    /// read as one with it, on frames of an empty lot too: the camera looks from the side, not
    /// from straight above. Three frames, so one frame's stray boxes do not decide it.
    package var seesVehicles: Bool { sideViewFrames >= Self.sideViewFramesNeeded }

    package static let sideViewFramesNeeded = 3

    /// Learns the empty look of every space the detector vouches is free in one frame (`crops`:
    /// each space's zero-mean grey crop; `day`: days since 1970 of the frame's capture).
    package mutating func learnLooks(_ crops: [String: [Float]], decisions: [SpaceDecision], day: Int) {
        let free = decisions.filter { $0.viewProblem == nil && !$0.evidence.blindFrame && $0.evidence.vouchedFree }.map(\.spaceID)
        looks.learn(crops, free: Set(free), day: day)
    }

    /// Notes whether the detector boxed the vehicles of one frame (`decisions`: all its spaces, as
    /// last read, since a gated frame re-reads only the few that changed).
    package mutating func learnView(from decisions: [SpaceDecision], settings: SpaceDecisionSettings) {
        let anchored = decisions.map(\.evidence.anchored), probabilities = decisions.map(\.classifierProbability)
        if FrameEvidence.boxesVehicles(anchored: anchored, probabilities: probabilities, settings: settings) { sideViewFrames += 1 }
    }

    /// Adds one frame's decisions (only the spaces read afresh in it).
    package mutating func learn(from decisions: [SpaceDecision], settings: SpaceDecisionSettings) {
        frames += 1
        free = free.map { $0 * Self.retention }
        occupied = occupied.map { $0 * Self.retention }
        for decision in decisions where decision.viewProblem == nil && !decision.evidence.blindFrame {
            let evidence = decision.evidence
            let bin = Self.bin(of: evidence.classifier, settings: settings)
            if evidence.anchored {
                occupied[bin] += 1
            } else if evidence.vouchedFree && evidence.smallness == 0 {
                free[bin] += 1
            }
        }
    }

    package var labelled: (free: Double, occupied: Double) { (free.reduce(0, +), occupied.reduce(0, +)) }

    /// The prior with the classifier's weights refitted, or nil before there are enough labels of
    /// both kinds. The two kinds weigh alike, so the fit learns how far the classifier's evidence
    /// is to be trusted, not how full this lot usually is: a lot that is empty all week must
    /// still see the first car that comes.
    package func weights(prior: FusionWeights, settings: SpaceDecisionSettings) -> FusionWeights? {
        let (freeCount, occupiedCount) = labelled
        guard freeCount >= Self.enoughOfEach, occupiedCount >= Self.enoughOfEach else { return nil }
        let total = freeCount + occupiedCount
        var samples: [FusionFit.Sample] = []
        for bin in 0..<Self.binCount {
            let evidence = SpaceEvidence(classifier: Self.centre(of: bin, settings: settings))
            if free[bin] > 0 { samples.append(.init(evidence: evidence, occupied: false, weight: free[bin] * total / (2 * freeCount))) }
            if occupied[bin] > 0 {
                samples.append(.init(evidence: evidence, occupied: true, weight: occupied[bin] * total / (2 * occupiedCount)))
            }
        }
        let fitted = FusionFit.fit(samples, prior: prior, priorPrecision: settings.historyPrior)
        var weights = prior
        weights.classifier = min(max(fitted.classifier, 0), prior.classifier)
        weights.bias = weights.classifier == fitted.classifier
            ? fitted.bias : Self.bias(samples, slope: weights.classifier, prior: prior.bias, precision: settings.historyPrior)
        return weights
    }

    /// The bias alone, for a classifier weight held at `slope` (Newton's method, as `FusionFit`).
    static func bias(_ samples: [FusionFit.Sample], slope: Double, prior: Double, precision: Double) -> Double {
        var bias = prior
        for _ in 0..<50 {
            var (gradient, curvature) = (precision * (bias - prior), precision)
            for sample in samples {
                let p = sigmoid(bias + slope * sample.evidence.classifier)
                gradient += sample.weight * (p - (sample.occupied ? 1 : 0))
                curvature += sample.weight * p * (1 - p)
            }
            let step = gradient / curvature
            bias -= step
            if abs(step) < 1e-8 { break }
        }
        return bias
    }

    static func bin(of classifier: Double, settings: SpaceDecisionSettings) -> Int {
        let cap = logit(settings.classifierTrust)
        let share = (classifier + cap) / (2 * cap)
        return min(max(Int(share * Double(binCount)), 0), binCount - 1)
    }

    static func centre(of bin: Int, settings: SpaceDecisionSettings) -> Double {
        let cap = logit(settings.classifierTrust)
        return -cap + (Double(bin) + 0.5) * 2 * cap / Double(binCount)
    }
}
