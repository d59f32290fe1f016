import Foundation

/// What `parkwatch check-config` shows and exits with. Errors belong on stderr, the rest on stdout.
package struct ConfigCheckReport: Sendable, Equatable {
    /// The loaded configuration; nil when the file could not be read or has errors.
    package var configuration: Configuration?
    /// One line per problem, `file:line: path: message`, in line order.
    package var errors: [String]
    /// Files the service will need that are not there yet. They do not fail the check: models are
    /// often installed after the config is written.
    package var warnings: [String]
    /// The effective settings, overrides merged, when the file is valid.
    package var summary: [String]

    package var isValid: Bool { configuration != nil }
    /// 0 when valid (even with warnings), 1 otherwise: the CLI's "runtime failure".
    package var exitCode: Int32 { isValid ? 0 : 1 }
}

package enum ConfigCheck {
    package static func run(
        _ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConfigCheckReport {
        do {
            let configuration = try ConfigurationLoader.load(url)
            let shown = url.isFileURL ? url.relativePath : url.absoluteString
            return ConfigCheckReport(
                configuration: configuration, errors: [],
                warnings: missingFiles(configuration, environment: environment),
                summary: ["\(shown): OK"] + ConfigSummary.lines(configuration, environment: environment))
        } catch {
            let errors = switch error {
            case .unreadable: [error.description]
            case .invalid(let issues): issues.map(\.description) + ["\(issues.count) error(s)"]
            }
            return ConfigCheckReport(configuration: nil, errors: errors, warnings: [], summary: [])
        }
    }

    static func missingFiles(_ configuration: Configuration, environment: [String: String]) -> [String] {
        var warnings: [String] = []
        let model = configuration.modelPath(environment: environment)
        if !FileManager.default.fileExists(atPath: model) {
            warnings.append("warning: detector model not found: \(model)")
        }
        // The classifier only runs for cameras with a layout.
        let needsClassifier = configuration.cameras.values.contains { $0.layout != nil }
        let classifier = configuration.classifierPath(environment: environment)
        if needsClassifier && !FileManager.default.fileExists(atPath: classifier) {
            warnings.append("warning: spaces.classifier not found: \(classifier)")
        }
        return warnings
    }
}

/// The effective settings as short lines, so a user sees what the merges and defaults produced.
enum ConfigSummary {
    static func lines(_ config: Configuration, environment: [String: String]) -> [String] {
        let modelSource = config.model != nil ? "model"
            : environment[ModelLocator.detector.environmentKey].map { _ in "$\(ModelLocator.detector.environmentKey)" }
            ?? "default"
        var lines = [
            "inbox: \(config.inbox)",
            "archive: \(config.archive)",
            "database: \(config.database)",
            "model: \(config.modelPath(environment: environment)) (\(modelSource))",
            "timezone: \(config.timeZone.identifier), log_level: \(config.logLevel)",
            "detector: \(describe(config.detector))",
            "light correction: \(config.lightCorrection ? "on" : "off")",
            "spaces: classifier \(config.classifierPath(environment: environment)), \(describe(config.spaces))",
            "retention: \(describe(archiveDays: config.retention.archiveDays))",
            "web: \(config.web.host):\(config.web.port), \(config.web.token == nil ? "no token" : "token set")",
            "webhooks: \(config.webhooks.count)\(config.webhooks.isEmpty ? "" : " (" + config.webhooks.map { "\($0.events.count) events" }.joined(separator: ", ") + ")")",
            "mqtt: \(config.mqtt.map { "\(RedactedURL.shown($0.url)), prefix \($0.prefix), discovery \($0.discovery ? "on" : "off"), qos \($0.qos)" } ?? "off")",
            "central: \(describe(config.central, environment: environment))",
            "cameras: \(config.cameras.count)",
        ]
        lines += config.cameras.keys.sorted().map { "  " + describe(config.cameras[$0]!, topLevel: config) }
        return lines
    }

    static func describe(_ central: CentralConfig?, environment: [String: String]) -> String {
        guard let central else { return "off" }
        let url = central.url.map(RedactedURL.shown)
            ?? environment[CentralConfig.environmentKey].map { "\(RedactedURL.shown($0)) ($\(CentralConfig.environmentKey))" }
            ?? "no url: set $\(CentralConfig.environmentKey)"
        return "site \(central.site), \(url)"
    }

    static func describe(_ detector: DetectorConfig) -> String {
        let tiles = detector.tiles.map {
            "tiles \($0.columns)x\($0.rows) overlap \($0.overlap) above \(detector.tileWhenLongSideAbove) px"
        } ?? "tiles off"
        let thresholds = "score_threshold \(detector.scoreThreshold) (faint from \(detector.faintScoreThreshold), "
            + "\(detector.adjustedScoreThreshold) in adjusted or crowded frames)"
        return "\(thresholds), nms_iou \(detector.nmsIoU), \(tiles)"
    }

    static func describe(_ spaces: SpacesConfig) -> String {
        "confirm after \(spaces.confirmPhotos) photos or one at "
            + "\(spaces.confirmConfidence), unknown below \(spaces.unknownBelow), overlays \(spaces.overlays ? "on" : "off"), "
            + (spaces.gating
                ? "gating on (full pass every \(Int(spaces.fullPassEvery)) s, closer look "
                    + (spaces.closerLookTiles.map { "at most \($0) tiles a frame)" } ?? "at every tile a photo needs)")
                : "gating off")
    }

    static func describe(archiveDays: Int?) -> String {
        archiveDays.map { "archive kept \($0) days" } ?? "archive kept forever"
    }

    /// Only what a camera adds or changes, so the top-level values are not repeated for each one.
    static func describe(_ camera: CameraConfig, topLevel: Configuration) -> String {
        var parts = ["lot \(camera.lot)"]
        if let layout = camera.layout { parts.append("layout \(layout)") }
        if let capacity = camera.capacity { parts.append("capacity \(capacity)") }
        if camera.timeZone != topLevel.timeZone { parts.append("timezone \(camera.timeZone.identifier)") }
        if camera.detector != topLevel.detector { parts.append("detector: " + describe(camera.detector)) }
        if camera.lightCorrection != topLevel.lightCorrection { parts.append("light correction \(camera.lightCorrection ? "on" : "off")") }
        if let stream = camera.stream { parts.append("stream \(stream)") }
        if let every = camera.every { parts.append("every \(every) s") }
        if camera.archiveDays != topLevel.retention.archiveDays { parts.append(describe(archiveDays: camera.archiveDays)) }
        return "\(camera.id): " + parts.joined(separator: ", ")
    }
}
