import Foundation
import Yams

/// Walks the document top-down and fills a `Configuration` starting from the defaults. Every read
/// reports its own problems and leaves the default in place, so one walk finds them all.
struct ConfigurationReader {
    let log: IssueLog
    /// The config file's folder: relative paths start here.
    let baseDirectory: URL

    static let topLevelKeys = [
        "inbox", "archive", "database", "model", "timezone", "log_level",
        "detector", "spaces", "light_correction", "cameras", "retention", "web", "webhooks", "mqtt", "central",
    ]

    func read(_ root: Node?) -> Configuration {
        var config = Configuration.defaults.resolvingPaths(against: baseDirectory)
        guard let root else { return config }  // an empty file, or only comments
        let document = Field(node: root, path: "", mark: root.mark, log: log)
        guard let top = FieldMap.read(document, allowed: Self.topLevelKeys) else { return config }
        readLocations(top, into: &config)
        if let zone = top["timezone"]?.timeZone() { config.timeZone = zone }
        if let level = top["log_level"]?.choice(of: Configuration.logLevels) { config.logLevel = level }
        if let field = top["detector"] { config.detector = DetectorReader.read(field, over: config.detector) }
        if let field = top["spaces"] { config.spaces = readSpaces(field, over: config.spaces) }
        if let value = top["light_correction"]?.flag() { config.lightCorrection = value }
        if let field = top["retention"] { config.retention = readRetention(field) }
        if let field = top["web"] { config.web = readWeb(field) }
        if let field = top["webhooks"] { config.webhooks = WebhookReader().readAll(field) }
        if let field = top["mqtt"] { config.mqtt = MQTTReader().read(field) }
        if let field = top["central"] { config.central = CentralReader().read(field) }
        // Last: cameras inherit the zone, detector, light correction and retention read above.
        if let field = top["cameras"] {
            config.cameras = CameraReader(inherited: config, baseDirectory: baseDirectory).readAll(field)
        }
        return config
    }

    private func readLocations(_ top: FieldMap, into config: inout Configuration) {
        if let path = top["inbox"]?.path(base: baseDirectory) { config.inbox = path }
        if let path = top["archive"]?.path(base: baseDirectory) { config.archive = path }
        if let path = top["database"]?.path(base: baseDirectory) { config.database = path }
        config.model = top["model"]?.path(base: baseDirectory)
        // The watcher takes every file and folder under the inbox for a camera's photos: an archive
        // or database there would be "processed" and moved away.
        for (key, path) in [("archive", config.archive), ("database", config.database)]
        where PathResolver.isSameOrInside(path, config.inbox) {
            (top[key] ?? top["inbox"])?.fail(
                "the \(key) (\(path)) must not be the inbox or inside it (\(config.inbox)): the watcher would take it for photos")
        }
    }

    static let spacesKeys = ["classifier", "confirm_photos", "confirm_confidence", "unknown_below", "overlays", "gating", "full_pass_every",
                             "closer_look_tiles"]

    private func readSpaces(_ field: Field, over base: SpacesConfig) -> SpacesConfig {
        var spaces = base
        guard let map = FieldMap.read(field, allowed: Self.spacesKeys) else { return spaces }
        if let path = map["classifier"]?.path(base: baseDirectory) { spaces.classifier = path }
        if let count = map["confirm_photos"]?.wholeNumber(in: 1...100) { spaces.confirmPhotos = count }
        if let value = map["confirm_confidence"]?.number(.unitInterval) { spaces.confirmConfidence = value }
        if let value = map["unknown_below"]?.number(.unitInterval) { spaces.unknownBelow = value }
        if let value = map["overlays"]?.flag() { spaces.overlays = value }
        if let value = map["gating"]?.flag() { spaces.gating = value }
        if let value = map["full_pass_every"]?.number(.positive) { spaces.fullPassEvery = value }
        if let count = map["closer_look_tiles"]?.wholeNumber(in: 1...256) { spaces.closerLookTiles = count }
        // Otherwise a photo could be confident enough to switch a space alone yet too unsure to say anything.
        if spaces.unknownBelow > spaces.confirmConfidence {
            (map["unknown_below"] ?? map["confirm_confidence"])?.fail(
                "unknown_below (\(spaces.unknownBelow)) must not exceed confirm_confidence (\(spaces.confirmConfidence))")
        }
        return spaces
    }

    private func readRetention(_ field: Field) -> RetentionConfig {
        var retention = RetentionConfig.defaults
        guard let map = FieldMap.read(field, allowed: ["archive_days"]) else { return retention }
        retention.archiveDays = map["archive_days"]?.wholeNumber(in: 1...Int.max)
        return retention
    }

    private func readWeb(_ field: Field) -> WebConfig {
        var web = WebConfig.defaults
        guard let map = FieldMap.read(field, allowed: ["host", "port", "token"]) else { return web }
        if let host = map["host"]?.nonEmptyText() { web.host = host }
        if let port = map["port"]?.wholeNumber(in: 1...65_535) { web.port = port }
        web.token = map["token"]?.nonEmptyText()
        return web
    }
}
