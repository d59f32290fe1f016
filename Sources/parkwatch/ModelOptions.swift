import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchEvaluation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// The vehicle detector, wherever it is: flag, else environment, else the default path.
struct DetectorOptions: ParsableArguments {
    @Option(help: "YOLOX-Nano ONNX weights (default: $PARKWATCH_MODEL, else models/yolox_nano.onnx).")
    var model: String?

    @Option(help: "Detector tiles: COLUMNSxROWS (default 4x3), or off for the whole frame only.")
    var tiles: TilesArgument?

    func detector(_ settings: DetectorSettings = .default) throws -> VehicleDetector {
        var settings = settings
        if let tiles { settings.tiling = tiles.grid }
        return try VehicleDetector(modelPath: ModelLocator.detector.resolve(explicit: model), settings: settings)
    }
}

/// The space classifier, wherever it is: flag, else environment, else the default path.
struct ClassifierOptions: ParsableArguments {
    @Option(help: "Space classifier ONNX (default: $PARKWATCH_CLASSIFIER, else models/space-classifier/space_classifier.onnx).")
    var classifier: String?

    func spaceReader(_ settings: SpaceDecisionSettings = .default) throws -> SpaceReader {
        SpaceReader(classifier: try SpaceClassifier(modelPath: ModelLocator.classifier.resolve(explicit: classifier)), settings: settings)
    }
}

/// Both models, for the commands that read spaces with the detector's help.
struct ModelOptions: ParsableArguments {
    @OptionGroup var detection: DetectorOptions
    @OptionGroup var classification: ClassifierOptions

    var tiles: TilesArgument? { detection.tiles }

    func detector(_ settings: DetectorSettings = .default) throws -> VehicleDetector {
        try detection.detector(settings)
    }

    func spaceReader(_ settings: SpaceDecisionSettings = .default) throws -> SpaceReader {
        try classification.spaceReader(settings)
    }

    /// The pipeline's models, and the same detector weights set up as the box-centre baseline.
    func evaluator() throws -> Evaluator {
        let baseline = try VehicleDetector(
            modelPath: ModelLocator.detector.resolve(explicit: detection.model), settings: BoxCentreRule.detectorSettings)
        return Evaluator(detector: try detector(), reader: try spaceReader(), baseline: BoxCentreRule(detector: baseline))
    }
}

/// `--tiles 4x3` or `--tiles off`; the overlap stays the default.
struct TilesArgument: ExpressibleByArgument {
    var grid: TileGrid?

    init?(argument: String) {
        if argument == "off" { return }
        let sides = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard sides.count == 2, let columns = sides[0], let rows = sides[1],
              (1...16).contains(columns), (1...16).contains(rows) else { return nil }
        grid = TileGrid(columns: columns, rows: rows)
    }
}
