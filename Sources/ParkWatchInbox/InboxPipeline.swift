import Foundation
import Logging
import ParkWatchStore
import ParkWatchVision

/// Everything `parkwatch watch` needs, with the defaults a new user gets.
public struct WatchSettings: Sendable {
    public var inbox = URL(fileURLWithPath: "inbox")
    public var archive = URL(fileURLWithPath: "archive")
    public var database = "parkwatch.sqlite"
    public var model: String
    public var timeZone: TimeZone = .gmt
    public var detector: DetectorSettings = .default
    public var limits: ImageLimits = .default
    public var settle: Duration = .seconds(2)

    public init(model: String) {
        self.model = model
    }
}

/// The one place the inbox pipeline is wired; `main` and the tests both build it here.
public enum InboxPipeline {
    public static func buildProcessor(_ settings: WatchSettings, faults: FaultInjector = .none) throws -> PhotoProcessor {
        let store = try ParkWatchDatabase(path: settings.database)
        let detector = try VehicleDetector(modelPath: settings.model, settings: settings.detector)
        return PhotoProcessor(
            store: store, detector: detector,
            archive: ArchiveLayout(root: settings.archive.standardizedFileURL, timeZone: settings.timeZone),
            settings: .init(limits: settings.limits, timeZone: settings.timeZone), faults: faults)
    }

    public static func buildService(
        _ settings: WatchSettings, logger: Logger,
        onProcessed: @escaping @Sendable (ProcessedPhoto) -> Void = { _ in }
    ) throws -> InboxService {
        try FileManager.default.createDirectory(at: settings.archive, withIntermediateDirectories: true)
        return InboxService(
            inbox: settings.inbox, processor: try buildProcessor(settings), logger: logger,
            settle: settings.settle, onProcessed: onProcessed)
    }
}

/// Where the detector's weights are: `--model`, else `$PARKWATCH_MODEL`, else `models/yolox_nano.onnx`.
public enum ModelLocator {
    public static let environmentKey = "PARKWATCH_MODEL"
    public static let defaultPath = "models/yolox_nano.onnx"

    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }
}
