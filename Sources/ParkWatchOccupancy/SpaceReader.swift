import Foundation
import ParkWatchSpaces
import ParkWatchVision

/// Reads every space of a layout in one frame: the classifier on each space's crop, combined with
/// the vehicle boxes already found in the frame.
public struct SpaceReader: Sendable {
    public let classifier: SpaceClassifier
    public let settings: SpaceDecisionSettings

    public init(classifier: SpaceClassifier, settings: SpaceDecisionSettings = .default) {
        self.classifier = classifier
        self.settings = settings
    }

    /// `layout` must already be resolved to the frame's size.
    public func read(_ image: Image, layout: LotLayout, boxes: [VehicleBox]) async throws -> [SpaceDecision] {
        try await reading(image, layout: layout, boxes: boxes).decisions
    }

    /// Like `read`, for a camera's sequence of frames: the detector's recall is judged with what
    /// `memory` holds of the camera's earlier frames, and this frame's evidence is added to it.
    public func read(
        _ image: Image, layout: LotLayout, boxes: [VehicleBox], remembering memory: inout RecallMemory
    ) async throws -> [SpaceDecision] {
        let result = try await reading(image, layout: layout, boxes: boxes, memory: memory)
        memory = memory.adding(result.evidence, limit: settings.recallMemory)
        return result.decisions
    }

    /// Classifies only the spaces in `reclassify` (and any without a decision in `previous`);
    /// every other space keeps its decision from `previous`. For video, where most spaces look
    /// the same as when they were last classified. The detector's recall is measured over every
    /// space, kept ones by their last classifier reading, so a gated frame judges missing boxes as
    /// a full one does. With no `previous`, every space is classified. Decisions come back in
    /// layout order, with this frame's recall evidence.
    public func reading(
        _ image: Image, layout: LotLayout, boxes: [VehicleBox], reclassify: Set<String> = [],
        previous: [String: SpaceDecision] = [:], memory: RecallMemory = RecallMemory()
    ) async throws -> (decisions: [SpaceDecision], evidence: RecallMemory) {
        let chosen = layout.spaces.filter { reclassify.contains($0.id) || previous[$0.id] == nil }
        let scores = chosen.isEmpty ? [] : try await classifier.classify(image, spaces: chosen)
        let fresh = Dictionary(zip(chosen.map(\.id), scores), uniquingKeysWith: { $1 })
        let covers = layout.spaces.map { Self.bestCover(of: $0.polygon, by: boxes) }
        let probabilities = layout.spaces.map { fresh[$0.id]?.occupiedProbability ?? previous[$0.id]?.classifierProbability ?? 0 }
        let evidence = RecallMemory.evidence(classifierProbabilities: probabilities, coverages: covers.map(\.coverage), settings: settings)
        let recall = SpaceDecider.detectorRecall(
            frame: evidence, memory: memory, prior: SpaceDecider.recallPrior(for: layout, settings: settings), settings: settings)
        let decisions = zip(layout.spaces, covers).compactMap { space, cover -> SpaceDecision? in
            guard let score = fresh[space.id] else { return previous[space.id] }
            return SpaceDecider.decide(score, coverage: cover.coverage, boxScore: cover.score, detectorRecall: recall, settings: settings)
        }
        return (decisions, evidence)
    }

    /// The box covering the largest share of the space, and that share.
    static func bestCover(of polygon: [Point], by boxes: [VehicleBox]) -> (coverage: Double, score: Double) {
        let area = PolygonGeometry.area(polygon)
        guard area > 0 else { return (0, 0) }
        var best = (coverage: 0.0, score: 0.0)
        for box in boxes {
            let shared = PolygonGeometry.intersectionArea(polygon: polygon, rect: (x: box.x, y: box.y, w: box.w, h: box.h))
            let coverage = shared / area
            if coverage > best.coverage { best = (coverage, box.score) }
        }
        return best
    }
}
