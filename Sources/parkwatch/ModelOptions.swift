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

    func detector(_ settings: DetectorSettings = .default) throws -> VehicleDetector {
        try VehicleDetector(modelPath: ModelLocator.detector.resolve(explicit: model), settings: settings)
    }

    func spaceReader(_ settings: SpaceDecisionSettings = .default) throws -> SpaceReader {
        SpaceReader(classifier: try SpaceClassifier(modelPath: ModelLocator.classifier.resolve(explicit: classifier)), settings: settings)
    }

    func evaluator() throws -> Evaluator {
        Evaluator(detector: try detector(), reader: try spaceReader())
    }
}
