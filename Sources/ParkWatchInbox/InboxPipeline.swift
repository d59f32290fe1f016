import Foundation
import Logging
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// Everything `parkwatch watch` needs, with the defaults a new user gets.
public struct WatchSettings: Sendable {
    public var inbox = URL(fileURLWithPath: "inbox")
    public var archive = URL(fileURLWithPath: "archive")
    public var database = "parkwatch.sqlite"
    public var model: String
    public var timeZone: TimeZone = .gmt
    /// Cameras whose clocks run in another zone than `timeZone`.
    public var cameraTimeZones: [String: TimeZone] = [:]
    public var detector: DetectorSettings = .default
    public var limits: ImageLimits = .default
    public var settle: Duration = .seconds(2)
    /// Layout JSON per camera id; cameras without one get vehicle counts only.
    public var layouts: [String: String] = [:]
    public var classifier = ModelLocator.classifier.resolve(explicit: nil)
    public var spaces: SpaceDecisionSettings = .default
    public var overlays = false

    public init(model: String) {
        self.model = model
    }
}

/// The one place the inbox pipeline is wired; `main` and the tests both build it here.
public enum InboxPipeline {
    /// `metrics` defaults to the factory `main` bootstrapped; tests pass one over their own registry.
    public static func buildProcessor(
        _ settings: WatchSettings, faults: FaultInjector = .none, metrics: PipelineMetrics = .bootstrapped
    ) throws -> PhotoProcessor {
        let store = try ParkWatchDatabase(path: settings.database)
        let detector = try VehicleDetector(modelPath: settings.model, settings: settings.detector)
        return PhotoProcessor(
            store: store, detector: detector,
            archive: ArchiveLayout(root: settings.archive.standardizedFileURL, timeZone: settings.timeZone),
            settings: .init(limits: settings.limits, timeZone: settings.timeZone, cameraTimeZones: settings.cameraTimeZones),
            occupancy: try buildOccupancyStage(settings), faults: faults, metrics: metrics)
    }

    /// Loads every camera's layout and the classifier once; nil when no camera has a layout.
    public static func buildOccupancyStage(_ settings: WatchSettings) throws -> OccupancyStage? {
        guard !settings.layouts.isEmpty else { return nil }
        let layouts = try settings.layouts.mapValues { try LotLayout.load(URL(fileURLWithPath: $0)) }
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: settings.classifier), settings: settings.spaces)
        return OccupancyStage(reader: reader, layouts: layouts, overlays: settings.overlays)
    }

    public static func buildService(
        _ settings: WatchSettings, logger: Logger, metrics: PipelineMetrics = .bootstrapped,
        onProcessed: @escaping @Sendable (ProcessedPhoto) -> Void = { _ in }
    ) throws -> InboxService {
        try FileManager.default.createDirectory(at: settings.archive, withIntermediateDirectories: true)
        return InboxService(
            inbox: settings.inbox, processor: try buildProcessor(settings, metrics: metrics), logger: logger,
            settle: settings.settle, onProcessed: onProcessed)
    }
}

/// Where a model's weights are: the command-line flag, else an environment variable, else the default path.
public struct ModelLocator: Sendable {
    public let environmentKey: String
    public let defaultPath: String

    public static let detector = ModelLocator(environmentKey: "PARKWATCH_MODEL", defaultPath: "models/yolox_nano.onnx")
    public static let classifier = ModelLocator(
        environmentKey: "PARKWATCH_CLASSIFIER", defaultPath: "models/space-classifier/space_classifier.onnx")

    public func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }
}
