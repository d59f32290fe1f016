import ArgumentParser
import Foundation
import ParkWatchInbox
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// The two models, wherever they are: flag, else environment, else the default path.
struct ModelOptions: ParsableArguments {
    @Option(help: "YOLOX-Nano ONNX weights (default: $PARKWATCH_MODEL, else models/yolox_nano.onnx).")
    var model: String?

    @Option(help: "Space classifier ONNX (default: $PARKWATCH_CLASSIFIER, else models/space-classifier/space_classifier.onnx).")
    var classifier: String?

    @Option(help: "Detector tiles: COLUMNSxROWS (default 4x3), or off for the whole frame only.")
    var tiles: TilesArgument?

    func detector(_ settings: DetectorSettings = .default) throws -> VehicleDetector {
        var settings = settings
        if let tiles { settings.tiling = tiles.grid }
        return try VehicleDetector(modelPath: ModelLocator.detector.resolve(explicit: model), settings: settings)
    }

    func spaceReader(_ settings: SpaceDecisionSettings = .default) throws -> SpaceReader {
        SpaceReader(classifier: try SpaceClassifier(modelPath: ModelLocator.classifier.resolve(explicit: classifier)), settings: settings)
    }

    func evaluator() throws -> Evaluator {
        Evaluator(detector: try detector(), reader: try spaceReader())
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
