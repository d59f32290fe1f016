import ParkWatchSpaces

/// Confusion counts with occupied as the positive class. An `unknown` verdict is counted apart and
/// as wrong wherever the truth is the denominator (accuracy, recall, balanced accuracy); precision
/// is over the spaces that were called occupied.
package struct BinaryTally: Sendable, Equatable {
    package var truePositives = 0
    package var falsePositives = 0
    package var trueNegatives = 0
    package var falseNegatives = 0
    package var unknownPositives = 0
    package var unknownNegatives = 0

    package init() {}

    package mutating func record(occupied truth: Bool, state: SpaceState) {
        switch (truth, state) {
        case (true, .occupied): truePositives += 1
        case (true, .free): falseNegatives += 1
        case (true, .unknown): unknownPositives += 1
        case (false, .occupied): falsePositives += 1
        case (false, .free): trueNegatives += 1
        case (false, .unknown): unknownNegatives += 1
        }
    }

    package mutating func add(_ other: BinaryTally) {
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        trueNegatives += other.trueNegatives
        falseNegatives += other.falseNegatives
        unknownPositives += other.unknownPositives
        unknownNegatives += other.unknownNegatives
    }

    package var positives: Int { truePositives + falseNegatives + unknownPositives }
    package var negatives: Int { trueNegatives + falsePositives + unknownNegatives }
    package var total: Int { positives + negatives }
    package var unknown: Int { unknownPositives + unknownNegatives }

    package var accuracy: Double? { ratio(truePositives + trueNegatives, total) }
    package var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    package var recall: Double? { ratio(truePositives, positives) }
    package var specificity: Double? { ratio(trueNegatives, negatives) }

    package var f1: Double? {
        guard let precision, let recall, precision + recall > 0 else { return nil }
        return 2 * precision * recall / (precision + recall)
    }

    /// The mean of recall and specificity; with only one class present, that class's rate.
    package var balancedAccuracy: Double? {
        switch (recall, specificity) {
        case let (recall?, specificity?): (recall + specificity) / 2
        case let (recall?, nil): recall
        case let (nil, specificity?): specificity
        case (nil, nil): nil
        }
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}
