/// Greedy, class-agnostic suppression over vehicle boxes from all passes of one frame.
///
/// Class-agnostic because YOLOX often reports one vehicle as both "car" and "truck"; a parking
/// lot counts vehicles, not classes. Two rules, either of which makes a box a duplicate of a
/// higher-scoring box already kept:
/// - intersection over union above `iouThreshold`: the usual same-object test;
/// - intersection over the smaller box above `mergeOverlap`: catches a fragment of a vehicle cut
///   by a tile edge, whose IoU with the whole vehicle's box is small because the fragment is small.
package struct NonMaxSuppression: Sendable {
    package var iouThreshold: Double
    package var mergeOverlap: Double

    package init(iouThreshold: Double, mergeOverlap: Double) {
        self.iouThreshold = iouThreshold
        self.mergeOverlap = mergeOverlap
    }

    /// The kept boxes: whole boxes first, then surviving fragments, each group highest score first.
    /// A kept box keeps its own extent and label.
    ///
    /// `fragments` are boxes that may show only part of a vehicle because they run into a tile
    /// edge. A fragment often scores higher than the whole vehicle's box, so ranking by score alone
    /// would keep the fragment's extent; ranking every fragment after every whole box keeps the
    /// whole box, and a fragment survives only where no whole box accounts for its vehicle.
    package func apply(_ boxes: [VehicleBox], fragments: [VehicleBox] = []) -> [VehicleBox] {
        var kept: [VehicleBox] = []
        for candidate in Self.rankedByScore(boxes) + Self.rankedByScore(fragments)
        where !kept.contains(where: { isDuplicate(candidate, of: $0) }) {
            kept.append(candidate)
        }
        return kept
    }

    /// Highest score first; equal scores keep their input order, so results do not depend on sort internals.
    private static func rankedByScore(_ boxes: [VehicleBox]) -> [VehicleBox] {
        boxes.enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)
    }

    package func isDuplicate(_ candidate: VehicleBox, of keeper: VehicleBox) -> Bool {
        let intersection = candidate.intersectionArea(with: keeper)
        guard intersection > 0 else { return false }
        let union = candidate.area + keeper.area - intersection
        let smaller = min(candidate.area, keeper.area)
        return intersection / union > iouThreshold || intersection / smaller > mergeOverlap
    }
}
