import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// One frame's classifier scores and what weighs them against its vehicle boxes: kept together so
/// that, when the detector looks closer at part of the frame, the new boxes are weighed without
/// classifying again.
package struct SpaceWeighing {
    let reader: SpaceReader
    let layout: LotLayout
    let scores: [String: SpaceScore]
    let previous: [String: SpaceDecision]
    let weights: FusionWeights?
    /// The spaces read afresh in this frame.
    let fresh: Set<String>
    /// Spaces read again because the box their last decision stood on is gone
    /// (`ChangedAreas.spacesLosingTheirBox`): the whole frame alone does not settle them.
    var boxLost: Set<String> = []
    /// Each space's grey crop, when the camera's empty looks are compared.
    let crops: [String: [Float]]?
    let looks: EmptyLooks?
    /// The camera's detector has boxed its vehicles before (`HistoryAdaptation.seesVehicles`).
    var sideView = false
    /// Whether a detector looks at this camera's frames (without one the classifier alone decides).
    let detects: Bool
    /// The frame was lifted, stretched or sharpened for the detector (`FrameDecider.decisions`).
    var corrected = false

    func weigh(into reading: inout FrameReading) {
        let looksEmpty = crops.map { looksEmptySpaces($0, boxes: reading.boxes) } ?? []
        reading.decisions = reader.decider.decisions(
            layout: layout, scores: scores, boxes: detects ? reading.boxes : nil, faint: reading.faintBoxes, previous: previous,
            weights: weights, looksEmpty: looksEmpty, sideView: sideView, corrected: corrected)
        reading.looksEmpty = looksEmpty.count
    }

    /// The fresh spaces whose crop matches their empty look, each over the part of it no box
    /// standing elsewhere hides.
    private func looksEmptySpaces(_ crops: [String: [Float]], boxes: [VehicleBox]) -> Set<String> {
        guard let looks else { return [] }
        return Self.looksEmpty(crops, boxes: boxes, layout: layout, among: fresh, looks: looks)
    }

    /// The spaces among `ids` whose crop matches one of their `looks`, each over the part of it
    /// no box standing elsewhere hides.
    package static func looksEmpty(
        _ crops: [String: [Float]], boxes: [VehicleBox], layout: LotLayout, among ids: Set<String>, looks: EmptyLooks
    ) -> Set<String> {
        guard !looks.spaces.isEmpty else { return [] }
        let hidden = HiddenCells.visible(boxes, spaces: layout.spaces, only: ids.filter { looks.spaces[$0] != nil })
        let visible = Dictionary(
            zip(layout.spaces.map(\.id), hidden).compactMap { id, cells in cells.map { (id, $0) } }, uniquingKeysWith: { $1 })
        return looks.matching(crops, among: ids, visible: visible)
    }

    /// The spaces among `fresh` that a look at the whole frame alone leaves unsettled, which the
    /// detector's tiles then look at closer: all but those the classifier and the boxes agree on,
    /// surely free (no box touches it) or surely taken (a box stands in it). A far car the whole
    /// frame misses but the classifier sees, or a box the classifier doubts, gets its tiles. A
    /// space that looks as the camera has seen it empty (`EmptyLooks`) with no box touching it is
    /// settled whatever the classifier says: a camera's false alarms cost tiles until it learns them.
    func unsettled(_ decisions: [SpaceDecision]) -> Set<String> {
        Self.unsettled(decisions, among: fresh, touchCoverage: reader.settings.touchCoverage).union(boxLost.intersection(fresh))
    }

    /// `unsettled`, with `touchCoverage` the share of a space a box must cover to touch it.
    package static func unsettled(_ decisions: [SpaceDecision], among fresh: Set<String>, touchCoverage: Double) -> Set<String> {
        Set(decisions.filter { decision in
            guard fresh.contains(decision.spaceID) else { return false }
            let classifier = decision.classifierProbability
            let surelyFree = (classifier < sureBelow || decision.evidence.looksEmpty) && decision.coverage < touchCoverage
            let surelyTaken = classifier > 1 - sureBelow && decision.evidence.anchored
            return !(surelyFree || surelyTaken)
        }.map(\.spaceID))
    }

    /// How near 0 (or 1) the classifier's probability must be for the whole frame's boxes to
    /// settle a space.
    package static let sureBelow = 0.2
}
