import ParkWatchSpaces
import ParkWatchVision

/// Decides every space of one frame from its classifier scores and its vehicle boxes. Apart from
/// `SpaceReader`, which also owns the classifier, so a frame's boxes can change and be weighed
/// again without classifying twice, and so the weighing is testable without a model.
package struct FrameDecider: Sendable {
    package let settings: SpaceDecisionSettings

    package init(settings: SpaceDecisionSettings = .default) {
        self.settings = settings
    }

    /// `fresh` scores weighed with `boxes`; spaces without a fresh score keep their decision in
    /// `previous`. The other arguments are `SpaceReader.reading`'s.
    /// `corrected`: the frame was lifted, stretched or sharpened for the detector (`FrameLight`):
    /// dim, flat or soft, where the detector's recall falls (`FrameEvidence.missingBoxWeight`).
    package func decisions(
        layout: LotLayout, scores fresh: [String: SpaceScore], boxes: [VehicleBox]?, faint: [VehicleBox] = [],
        previous: [String: SpaceDecision] = [:], weights: FusionWeights? = nil, looksEmpty: Set<String> = [], sideView: Bool = false,
        corrected: Bool = false
    ) -> [SpaceDecision] {
        let probabilities = layout.spaces.map { fresh[$0.id]?.occupiedProbability ?? previous[$0.id]?.classifierProbability ?? 0 }
        let frame = FrameEvidence(
            layout: layout, boxes: boxes, faint: faint, probabilities: probabilities, sideView: sideView, corrected: corrected,
            settings: settings)
        let weights = weights ?? .prior(settings: settings)
        let quality = quality(fresh: fresh, previous: previous, layout: layout, looked: boxes != nil)
        var evidences = layout.spaces.indices.map { index in
            fresh[layout.spaces[index].id].map { score in
                var evidence = frame.evidence(of: index, probability: score.occupiedProbability)
                evidence.looksEmpty = looksEmpty.contains(layout.spaces[index].id)
                return evidence
            }
        }
        let kept = layout.spaces.filter { fresh[$0.id] == nil }.compactMap { previous[$0.id]?.occupiedProbability }
        let lean = FrameLean.lean(odds: evidences.compactMap { $0.map(weights.logOdds) }, kept: kept, settings: settings)
        for index in evidences.indices {
            evidences[index]?.fullFrame = lean > 0
            if evidences[index]?.unboxed == true { evidences[index]?.lean = lean }
        }
        return layout.spaces.indices.compactMap { index -> SpaceDecision? in
            let space = layout.spaces[index]
            guard let score = fresh[space.id], let evidence = evidences[index] else { return previous[space.id] }
            return SpaceDecider.decide(
                score, evidence: evidence, coverage: frame.coverages[index], weights: weights, settings: settings, frame: quality)
        }
    }

    /// Whether the frame is lit and sharp, by the medians of its spaces' crops (fresh, else as last
    /// read), so a few lamps at night, a few shadows by day or a few flat crops do not decide it.
    /// `looked`: a detector looked at the frame; unlooked, no frame is lit.
    func quality(fresh: [String: SpaceScore], previous: [String: SpaceDecision], layout: LotLayout, looked: Bool) -> FrameQuality {
        let brightness = layout.spaces.compactMap { fresh[$0.id]?.brightness ?? previous[$0.id]?.brightness }
        let sharpness = layout.spaces.compactMap { fresh[$0.id]?.sharpness ?? previous[$0.id]?.sharpness }
        return FrameQuality(lit: looked && isLit(brightness), sharp: isSharp(sharpness))
    }

    /// Whether a frame whose spaces' crops have these mean greys is lit (`SpaceDecisionSettings.litFrame`).
    func isLit(_ brightness: [Double]) -> Bool { brightness.median.map { $0 >= settings.litFrame } ?? false }

    /// Whether a frame whose spaces' crops have these Laplacian variances is sharp (`SpaceDecisionSettings.minSharpness`).
    func isSharp(_ sharpness: [Double]) -> Bool { sharpness.median.map { $0 >= settings.minSharpness } ?? false }
}
