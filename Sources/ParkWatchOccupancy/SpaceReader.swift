import Foundation
import ParkWatchSpaces
import ParkWatchVision

/// Reads every space of a layout in one frame: the classifier on each space's crop, combined with
/// the vehicle boxes already found in the frame.
package struct SpaceReader: Sendable {
    package let classifier: SpaceClassifier
    package let settings: SpaceDecisionSettings

    package init(classifier: SpaceClassifier, settings: SpaceDecisionSettings = .default) {
        self.classifier = classifier
        self.settings = settings
    }

    /// Classifies only the spaces in `reclassify` (and any without a decision in `previous`);
    /// every other space keeps its decision from `previous`. For video, where most spaces look
    /// the same as when they were last classified. With no `previous`, every space is classified.
    /// `layout` must already be resolved to the frame's size.
    /// `boxes`: nil when no detector looked (the classifier alone decides). `faint`: the
    /// detector's faint boxes (`Detections.faint`).
    /// `weights`: the camera's calibrated fusion, else the prior. `looksEmpty`: the spaces whose
    /// crop matches their empty look (`EmptyLooks`). `sideView`: the camera's detector has boxed
    /// its vehicles in earlier frames (`HistoryAdaptation.seesVehicles`). Decisions come back in
    /// layout order.
    package func reading(
        _ image: Image, layout: LotLayout, boxes: [VehicleBox]?, faint: [VehicleBox] = [], reclassify: Set<String> = [],
        previous: [String: SpaceDecision] = [:], weights: FusionWeights? = nil, looksEmpty: Set<String> = [], sideView: Bool = false
    ) async throws -> [SpaceDecision] {
        let fresh = try await scores(image, layout: layout, reclassify: reclassify, previous: previous)
        return decider.decisions(
            layout: layout, scores: fresh, boxes: boxes, faint: faint, previous: previous, weights: weights, looksEmpty: looksEmpty,
            sideView: sideView)
    }

    /// The classifier's scores of the spaces `reading` classifies afresh, by space id.
    package func scores(
        _ image: Image, layout: LotLayout, reclassify: Set<String> = [], previous: [String: SpaceDecision] = [:]
    ) async throws -> [String: SpaceScore] {
        let chosen = layout.spaces.filter { reclassify.contains($0.id) || previous[$0.id] == nil }
        let scores = chosen.isEmpty ? [] : try await classifier.classify(image, spaces: chosen)
        return Dictionary(zip(chosen.map(\.id), scores), uniquingKeysWith: { $1 })
    }

    /// What weighs this reader's scores against a frame's boxes.
    package var decider: FrameDecider { FrameDecider(settings: settings) }
}
