import Foundation
import Logging
import ParkWatchArchive
import ParkWatchPipeline

/// The one place the inbox pipeline is wired; `main` and the tests both build it here.
package enum InboxPipeline {
    /// `metrics` defaults to the factory `main` bootstrapped; tests pass one over their own registry.
    package static func buildProcessor(
        _ parts: PipelineParts, faults: FaultInjector = .none, metrics: PipelineMetrics = .bootstrapped,
        logger: Logger = Logger(label: "parkwatch")
    ) -> PhotoProcessor {
        let settings = parts.settings
        return PhotoProcessor(
            reader: parts.frameReader(.photos(gate: parts.settings.photoGate), logger: logger), layouts: parts.layouts, recorder: parts.recorder(metrics: metrics),
            archive: ArchiveLayout(root: settings.archive.standardizedFileURL, timeZone: settings.timeZone),
            settings: .init(limits: settings.limits, timeZone: settings.timeZone, cameraTimeZones: settings.cameraTimeZones),
            faults: faults, logger: logger)
    }

    /// Over parts of its own: for a process (or test) that runs the inbox alone.
    package static func buildProcessor(
        _ settings: WatchSettings, faults: FaultInjector = .none, metrics: PipelineMetrics = .bootstrapped
    ) throws -> PhotoProcessor {
        buildProcessor(try PipelineParts(settings), faults: faults, metrics: metrics)
    }

    package static func buildService(
        _ settings: WatchSettings, logger: Logger, metrics: PipelineMetrics = .bootstrapped,
        onProcessed: @escaping @Sendable (ProcessedPhoto) -> Void = { _ in }, onWatching: @escaping @Sendable () -> Void = {}
    ) throws -> InboxService {
        try buildService(try PipelineParts(settings), logger: logger, metrics: metrics, onProcessed: onProcessed, onWatching: onWatching)
    }

    package static func buildService(
        _ parts: PipelineParts, logger: Logger, metrics: PipelineMetrics = .bootstrapped,
        onProcessed: @escaping @Sendable (ProcessedPhoto) -> Void = { _ in }, onWatching: @escaping @Sendable () -> Void = {}
    ) throws -> InboxService {
        try FileManager.default.createDirectory(at: parts.settings.archive, withIntermediateDirectories: true)
        return InboxService(
            inbox: parts.settings.inbox, processor: buildProcessor(parts, metrics: metrics, logger: logger), logger: logger,
            settle: parts.settings.settle, onProcessed: onProcessed, onWatching: onWatching)
    }
}
