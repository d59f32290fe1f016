import ParkWatchSpaces

/// Confusion counts with occupied as the positive class. An `unknown` verdict is counted apart and
/// as wrong wherever the truth is the denominator (accuracy, recall, balanced accuracy); precision
/// is over the spaces that were called occupied.
public struct BinaryTally: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0
    public var unknownPositives = 0
    public var unknownNegatives = 0

    public init() {}

    public mutating func record(occupied truth: Bool, state: SpaceState) {
        switch (truth, state) {
        case (true, .occupied): truePositives += 1
        case (true, .free): falseNegatives += 1
        case (true, .unknown): unknownPositives += 1
        case (false, .occupied): falsePositives += 1
        case (false, .free): trueNegatives += 1
        case (false, .unknown): unknownNegatives += 1
        }
    }

    public mutating func add(_ other: BinaryTally) {
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        trueNegatives += other.trueNegatives
        falseNegatives += other.falseNegatives
        unknownPositives += other.unknownPositives
        unknownNegatives += other.unknownNegatives
    }

    public var positives: Int { truePositives + falseNegatives + unknownPositives }
    public var negatives: Int { trueNegatives + falsePositives + unknownNegatives }
    public var total: Int { positives + negatives }
    public var unknown: Int { unknownPositives + unknownNegatives }

    public var accuracy: Double? { ratio(truePositives + trueNegatives, total) }
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, positives) }
    public var specificity: Double? { ratio(trueNegatives, negatives) }

    public var f1: Double? {
        guard let precision, let recall, precision + recall > 0 else { return nil }
        return 2 * precision * recall / (precision + recall)
    }

    /// The mean of recall and specificity; with only one class present, that class's rate.
    public var balancedAccuracy: Double? {
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
