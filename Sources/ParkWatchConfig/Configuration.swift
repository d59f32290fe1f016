import Foundation

/// Everything `parkwatch.yaml` can set, with defaults for whatever it leaves out.
///
/// Paths read from a file are absolute: relative ones are taken from the config file's folder, so
/// the service behaves the same whatever its working directory. `Configuration.defaults` (no file)
/// keeps them relative, i.e. relative to the working directory.
package struct Configuration: Sendable, Equatable {
    package var inbox: String
    package var archive: String
    package var database: String
    /// Detector weights; nil when the file does not say, see `modelPath(environment:)`.
    package var model: String?
    /// Zone of camera clocks for cameras that do not name their own.
    package var timeZone: TimeZone
    /// One of `Configuration.logLevels`.
    package var logLevel: String
    /// Detector settings for every camera that does not override them.
    package var detector: DetectorConfig
    package var spaces: SpacesConfig
    /// Lift dim frames and stretch flat ones before they are read (`light_correction`), for
    /// every camera that does not say otherwise.
    package var lightCorrection: Bool
    /// Configured cameras by id (= inbox folder name), with overrides already merged.
    package var cameras: [String: CameraConfig]
    package var retention: RetentionConfig
    package var web: WebConfig
    /// Where events (a lot filling up, a space changing) are sent.
    package var webhooks: [WebhookConfig]
    /// The broker that gets each lot's, space's and camera's state; nil publishes nothing.
    package var mqtt: MQTTConfig?
    /// The PostgreSQL database this node forwards its readings to; nil forwards nothing.
    package var central: CentralConfig?
    /// The file this was loaded from; nil for defaults or text given to `parse`.
    package var sourcePath: String?

    package static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    package init(
        inbox: String = "inbox", archive: String = "archive", database: String = "parkwatch.sqlite",
        model: String? = nil, timeZone: TimeZone = .utc, logLevel: String = "info",
        detector: DetectorConfig = .defaults, spaces: SpacesConfig = .defaults, lightCorrection: Bool = true,
        cameras: [String: CameraConfig] = [:],
        retention: RetentionConfig = .defaults, web: WebConfig = .defaults, webhooks: [WebhookConfig] = [], mqtt: MQTTConfig? = nil,
        central: CentralConfig? = nil, sourcePath: String? = nil
    ) {
        self.inbox = inbox
        self.archive = archive
        self.database = database
        self.model = model
        self.timeZone = timeZone
        self.logLevel = logLevel
        self.detector = detector
        self.spaces = spaces
        self.lightCorrection = lightCorrection
        self.cameras = cameras
        self.retention = retention
        self.web = web
        self.webhooks = webhooks
        self.mqtt = mqtt
        self.central = central
        self.sourcePath = sourcePath
    }

    package static let defaults = Configuration()

    /// The configured camera, else one with no layout that inherits the top-level settings: photos
    /// from cameras nobody configured are still counted.
    package func camera(_ id: String) -> CameraConfig {
        cameras[id] ?? CameraConfig(
            id: id, timeZone: timeZone, detector: detector, lightCorrection: lightCorrection, archiveDays: retention.archiveDays)
    }

    /// `model`, else `$PARKWATCH_MODEL`, else `models/yolox_nano.onnx` (relative to the working directory).
    package func modelPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ModelLocator.detector.resolve(explicit: model, environment: environment)
    }

    /// `spaces.classifier`, else `$PARKWATCH_CLASSIFIER`, else the bundled classifier (relative to
    /// the working directory): the same rule as the detector's model.
    package func classifierPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ModelLocator.classifier.resolve(explicit: spaces.classifier, environment: environment)
    }

    /// The defaults as a file in `base` would give them: every relative path taken from `base`.
    func resolvingPaths(against base: URL) -> Configuration {
        var resolved = self
        resolved.inbox = PathResolver.absolute(inbox, base: base)
        resolved.archive = PathResolver.absolute(archive, base: base)
        resolved.database = PathResolver.absolute(database, base: base)
        resolved.model = model.map { PathResolver.absolute($0, base: base) }
        resolved.spaces.classifier = spaces.classifier.map { PathResolver.absolute($0, base: base) }
        return resolved
    }
}

extension TimeZone {
    // Force-unwrapped once here: "UTC" is in every tz database Foundation ships.
    @usableFromInline static let utc = TimeZone(identifier: "UTC")!
}

/// Turns paths written in the config file into absolute ones.
enum PathResolver {
    static func absolute(_ path: String, base: URL) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return base.appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// Whether `inner` is `outer` or lies below it (both absolute and standardized).
    static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }
}
