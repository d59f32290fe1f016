import Foundation

/// What a camera's labelled frames teach: how it weighs its evidence (`FusionFit`), and how each
/// space looks where a person labelled it free (`EmptyLooks.learnLabelled`). The weights move
/// the whole camera; the looks settle the one space a new camera's classifier keeps calling
/// occupied when it is not, wherever the detector cannot vouch for it. And whether the detector
/// boxes this camera's vehicles (`sideView`), which a layout without depth cannot tell.
package struct LabelCalibration: Sendable, Equatable {
    package var weights: FusionWeights
    package var looks: EmptyLooks
    /// In at least `HistoryAdaptation.sideViewFramesNeeded` labelled frames the detector boxed
    /// the labelled vehicles (`FrameEvidence.boxesVehicles`, over the labelled occupied spaces):
    /// a missing box is evidence on this camera, as on one with depth.
    package var sideView: Bool

    package init(weights: FusionWeights, looks: EmptyLooks = EmptyLooks(), sideView: Bool = false) {
        self.weights = weights
        self.looks = looks
        self.sideView = sideView
    }

    /// The labelled frames as they come in: each one's decisions (read with the prior, so the
    /// evidence is what the fit weighs), their labels, and the frame's grey crops.
    package struct Frames: Sendable {
        package private(set) var samples: [FusionFit.Sample] = []
        package private(set) var looks = EmptyLooks()
        /// Frames whose labelled vehicles the detector boxed.
        package private(set) var boxedFrames = 0

        package init() {}

        /// Adds one frame. A space without a label teaches nothing; one labelled free also gives
        /// its crop (when `crops` has it) as a look.
        package mutating func add(
            _ decisions: [SpaceDecision], labels: [String: Bool], crops: [String: [Float]]?, settings: SpaceDecisionSettings
        ) {
            samples += decisions.compactMap { decision in
                labels[decision.spaceID].map { FusionFit.Sample(evidence: decision.evidence, occupied: $0) }
            }
            let free = Set(decisions.map(\.spaceID).filter { labels[$0] == false })
            if let crops { looks.learnLabelled(crops, free: free) }
            let cars = decisions.filter { labels[$0.spaceID] == true }
            let sure = [Double](repeating: 1, count: cars.count)
            if FrameEvidence.boxesVehicles(anchored: cars.map(\.evidence.anchored), probabilities: sure, settings: settings) {
                boxedFrames += 1
            }
        }

        /// The fit over every frame added, pulled towards the prior by `settings.labelPrior`.
        package func calibration(settings: SpaceDecisionSettings) -> LabelCalibration {
            LabelCalibration(
                weights: FusionFit.fit(samples, prior: .prior(settings: settings), priorPrecision: settings.labelPrior), looks: looks,
                sideView: boxedFrames >= HistoryAdaptation.sideViewFramesNeeded)
        }
    }
}
