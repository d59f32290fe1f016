import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchPipeline
import ParkWatchVision

/// The watcher's options, shared by `watch` and `run`: flags win over the configuration file,
/// which wins over the defaults (`./inbox`, `./archive`, `./parkwatch.sqlite`).
struct WatchOptions: ParsableArguments {
    @Option(help: "Folder cameras drop photos into; camera id = first folder below it.")
    var inbox: String?

    @Option(help: "Folder photos are filed into, by capture date.")
    var archive: String?

    @Option(name: .customLong("db"), help: "SQLite database file.")
    var database: String?

    @Option(help: "YOLOX-Nano ONNX weights (default: model of the config, else $PARKWATCH_MODEL, else models/yolox_nano.onnx).")
    var model: String?

    @Option(help: "Time zone of the cameras' clocks (EXIF and file-name times), e.g. Europe/Rome; default UTC.")
    var timezone: String?

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)'") }
    }

    func settings(_ configuration: Configuration?) -> WatchSettings {
        let base = configuration ?? .defaults
        var settings = WatchSettings(model: ModelLocator.detector.resolve(explicit: model ?? configuration?.model))
        settings.inbox = URL(fileURLWithPath: inbox ?? base.inbox)
        settings.archive = URL(fileURLWithPath: archive ?? base.archive)
        settings.database = database ?? base.database
        settings.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? base.timeZone
        guard let configuration else { return settings }
        settings.detector = Self.detector(configuration.detector)
        settings.cameraDetectors = configuration.cameras.filter { $0.value.detector != configuration.detector }
            .mapValues { Self.detector($0.detector) }
        settings.light = configuration.lightCorrection ? FrameLight() : .off
        settings.cameraLights = configuration.cameras.filter { $0.value.lightCorrection != configuration.lightCorrection }
            .mapValues { $0.lightCorrection ? FrameLight() : .off }
        settings.layouts = configuration.cameras.compactMapValues(\.layout)
        settings.cameraTimeZones = configuration.cameras.mapValues(\.timeZone)
        settings.classifier = configuration.classifierPath()
        settings.overlays = configuration.spaces.overlays
        settings.photoGate = configuration.spaces.gating
            ? ChangeGate.Settings.photos(fullEvery: configuration.spaces.fullPassEvery, closerLookTiles: configuration.spaces.closerLookTiles)
            : nil
        settings.spaces.confirmPhotos = configuration.spaces.confirmPhotos
        settings.spaces.confirmConfidence = configuration.spaces.confirmConfidence
        settings.spaces.unknownBelow = configuration.spaces.unknownBelow
        settings.webhooks = configuration.webhooks
        settings.cameraLots = configuration.cameras.mapValues(\.lot)
        return settings
    }

    /// A configuration's detector section, top-level or a camera's merged one.
    static func detector(_ config: DetectorConfig) -> DetectorSettings {
        DetectorSettings(
            scoreThreshold: config.scoreThreshold, faintScoreThreshold: config.faintScoreThreshold,
            adjustedScoreThreshold: config.adjustedScoreThreshold, nmsIoU: config.nmsIoU,
            tiling: config.tiles.map { TileGrid(columns: $0.columns, rows: $0.rows, overlap: $0.overlap) },
            tileWhenLongSideAbove: config.tileWhenLongSideAbove)
    }
}
