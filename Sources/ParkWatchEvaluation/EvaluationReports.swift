import Foundation
import ParkWatchOccupancy
import ParkWatchVision

/// The figures shared by `eval spaces` and `eval crops`, as JSON keys.
package struct ClassificationFigures: Sendable, Encodable {
    package var accuracy: Double?
    package var precision: Double?
    package var recall: Double?
    package var f1: Double?
    package var balancedAccuracy: Double?
    package var unknown: Int

    init(_ tally: BinaryTally) {
        accuracy = tally.accuracy.map(rounded)
        precision = tally.precision.map(rounded)
        recall = tally.recall.map(rounded)
        f1 = tally.f1.map(rounded)
        balancedAccuracy = tally.balancedAccuracy.map(rounded)
        unknown = tally.unknown
    }
}

func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }

/// A file an evaluation could not read (a corrupt image, a broken PKLot XML), or one labelled space
/// of a frame that still counts (`space`: past the frame's edge, a duplicate id): it is left out of
/// the figures and named on stderr, so one bad file in a large set does not stop the rest. Not in
/// the JSON, whose keys are a contract.
package struct SkippedFile: Sendable, Equatable {
    package var file: String
    package var reason: String
    package var space: String? = nil
}

/// The box-centre rule's figures on the judged frames: the same keys, with its false alarms and misses.
package struct BaselineFigures: Sendable, Encodable {
    package var spaces: Int
    package var figures: ClassificationFigures
    package var falseAlarms: Int
    package var misses: Int

    init(_ tally: BinaryTally) {
        spaces = tally.total
        figures = ClassificationFigures(tally)
        falseAlarms = tally.falsePositives
        misses = tally.falseNegatives
    }

    enum CodingKeys: String, CodingKey {
        case spaces, accuracy, precision, recall, f1, unknown
        case balancedAccuracy = "balanced_accuracy", falseAlarms = "false_alarms", misses
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spaces, forKey: .spaces)
        try figures.encodeFlat(into: &container)
        try container.encode(falseAlarms, forKey: .falseAlarms)
        try container.encode(misses, forKey: .misses)
    }
}

/// `eval spaces --json`: `{"images","spaces","accuracy","precision","recall","f1","balanced_accuracy","unknown",
/// "false_alarms","misses","seconds","per_image","baseline"}`, and with `--adapt-first` `"adapted_on"` (the
/// calibration images) and `"fusion"` (the fitted weights); with `--sequence`, `"fusion"` is what the
/// camera's unlabelled frames taught by the last one, once they taught anything. Every figure is
/// over the judged images only.
package struct SpacesEvaluation: Sendable, Encodable {
    package struct Image: Sendable, Encodable {
        package var file: String
        package var spaces: Int
        package var accuracy: Double?
        package var unknown: Int
        package var wrong: [String]
        /// With `--layout` and a reference photo: how far the reference moved in this frame, in pixels.
        package var shiftPx: Double?
        /// How a dim, flat or soft image was lifted, stretched or sharpened before it was read (`FrameLight`).
        package var adjustment: FrameAdjustment?

        /// `adjustment` is encoded beside these (`Adjusted`).
        enum CodingKeys: String, CodingKey {
            case file, spaces, accuracy, unknown, wrong
            case shiftPx = "shift_px"
        }
    }

    package var images: Int
    package var spaces: Int
    package var figures: ClassificationFigures
    package var seconds: Double
    package var perImage: [Image]
    package var tally: BinaryTally
    package var baseline: BaselineFigures?
    package var adaptedOn: [String]?
    /// With `--adapt-first`: the judged space readings whose crop matched an empty look.
    package var lookedEmpty: Int?
    /// With `--adapt-first`: the labelled cars stood in the detector's boxes (`LabelCalibration.sideView`).
    package var sideView: Bool?
    package var fusion: FusionWeights?
    /// With `--layout` and a reference photo: the frames it could not be found in.
    package var unregistered: [String]?
    package var skipped: [SkippedFile] = []
    /// With `--history`: what the camera's unlabelled frames gave.
    package var history: History?

    /// `"history"`: `{"frames","looked_empty"}`, the unlabelled frames read before judging and
    /// the judged space readings whose crop matched their empty look.
    package struct History: Sendable, Encodable {
        package var frames: Int
        package var lookedEmpty: Int

        enum CodingKeys: String, CodingKey {
            case frames
            case lookedEmpty = "looked_empty"
        }
    }

    enum CodingKeys: String, CodingKey {
        case images, spaces, accuracy, precision, recall, f1, unknown, seconds, misses, baseline, fusion, unregistered, history
        case balancedAccuracy = "balanced_accuracy", perImage = "per_image", falseAlarms = "false_alarms", adaptedOn = "adapted_on"
        case lookedEmpty = "looked_empty", sideView = "side_view"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(images, forKey: .images)
        try container.encode(spaces, forKey: .spaces)
        try figures.encodeFlat(into: &container)
        try container.encode(tally.falsePositives, forKey: .falseAlarms)
        try container.encode(tally.falseNegatives, forKey: .misses)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(perImage.map { Adjusted($0, $0.adjustment) }, forKey: .perImage)
        try container.encodeIfPresent(baseline, forKey: .baseline)
        try container.encodeIfPresent(adaptedOn, forKey: .adaptedOn)
        try container.encodeIfPresent(lookedEmpty, forKey: .lookedEmpty)
        try container.encodeIfPresent(sideView, forKey: .sideView)
        try container.encodeIfPresent(fusion, forKey: .fusion)
        try container.encodeIfPresent(unregistered, forKey: .unregistered)
        try container.encodeIfPresent(history, forKey: .history)
    }
}

/// `eval crops --json`: the same keys, with `crops` instead of `images` and `spaces`.
package struct CropsEvaluation: Sendable, Encodable {
    package struct Crop: Sendable, Encodable {
        package var file: String
        package var occupied: Bool
        package var state: String
        package var confidence: Double
    }

    package var crops: Int
    package var figures: ClassificationFigures
    package var seconds: Double
    package var perImage: [Crop]
    package var tally: BinaryTally
    package var skipped: [SkippedFile] = []

    enum CodingKeys: String, CodingKey {
        case crops, accuracy, precision, recall, f1, unknown, seconds
        case balancedAccuracy = "balanced_accuracy", perImage = "per_image"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(crops, forKey: .crops)
        try figures.encodeFlat(into: &container)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(perImage, forKey: .perImage)
    }
}

/// `eval counts --json`: `{"images","mae","mape","seconds","per_image":[{"file","expected","found"}]}`.
/// MAPE leaves out images whose expected count is 0 (the ratio is undefined there).
package struct CountsEvaluation: Sendable, Encodable {
    package struct Image: Sendable, Encodable {
        package var file: String
        package var expected: Int
        package var found: Int
    }

    package var images: Int
    package var mae: Double?
    package var mape: Double?
    package var seconds: Double
    package var perImage: [Image]
    package var skipped: [SkippedFile]

    enum CodingKeys: String, CodingKey {
        case images, mae, mape, seconds
        case perImage = "per_image"
    }

    init(perImage: [Image], seconds: Double, skipped: [SkippedFile] = []) {
        self.perImage = perImage
        self.seconds = seconds
        self.skipped = skipped
        images = perImage.count
        let errors = perImage.map { Double(abs($0.found - $0.expected)) }
        mae = errors.isEmpty ? nil : rounded(errors.reduce(0, +) / Double(errors.count))
        let relative = perImage.filter { $0.expected > 0 }.map { Double(abs($0.found - $0.expected)) / Double($0.expected) }
        mape = relative.isEmpty ? nil : rounded(relative.reduce(0, +) / Double(relative.count))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(images, forKey: .images)
        try container.encode(mae, forKey: .mae)
        try container.encode(mape, forKey: .mape)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(perImage, forKey: .perImage)
    }
}

extension ClassificationFigures {
    func encodeFlat<Key: CodingKey>(into container: inout KeyedEncodingContainer<Key>) throws {
        for (name, value) in [("accuracy", accuracy), ("precision", precision), ("recall", recall), ("f1", f1), ("balanced_accuracy", balancedAccuracy)] {
            if let key = Key(stringValue: name) { try container.encode(value, forKey: key) }
        }
        if let key = Key(stringValue: "unknown") { try container.encode(unknown, forKey: key) }
    }
}
