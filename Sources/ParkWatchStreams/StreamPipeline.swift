import Foundation
import Logging
import ParkWatchArchive
import ParkWatchPipeline
import ParkWatchStore
import ParkWatchWebhooks

/// The one place stream services are wired; `main`, the benchmark and the tests build them here.
package enum StreamPipeline {
    /// One camera's stream over the process's shared parts; its frame reader is its own, so its
    /// gate and memory are the camera's.
    package static func buildService(
        _ settings: StreamSettings, parts: PipelineParts, logger: Logger, metrics: PipelineMetrics = .bootstrapped,
        now: @escaping @Sendable () -> Date = { Date() }, onSample: @escaping @Sendable (StoredSample) -> Void = { _ in }
    ) throws -> StreamService {
        try FileManager.default.createDirectory(at: parts.settings.archive, withIntermediateDirectories: true)
        let zone = parts.settings.timeZone(of: settings.camera)
        let recorder = SampleRecorder(
            recorder: parts.recorder(metrics: metrics),
            archive: ArchiveLayout(root: parts.settings.archive.standardizedFileURL, timeZone: zone), keyFrames: settings.keyFrames)
        return StreamService(
            settings: settings, reader: parts.frameReader(.stream(settings.gate), logger: logger),
            layouts: parts.layouts, recorder: recorder,
            health: HealthReporter(
                store: parts.store, camera: settings.camera, source: settings.source,
                webhooks: parts.webhookEvents),
            now: now, logger: logger, onSample: onSample)
    }
}
