import Foundation
import Logging
import ParkWatchInbox
import ParkWatchStore
import ParkWatchVision

/// The one place stream services are wired; `main`, the benchmark and the tests build them here.
public enum StreamPipeline {
    /// The detector, classifier and layouts of `watch`, loaded once and shared by a camera's samples.
    public struct Parts: Sendable {
        public var store: ParkWatchDatabase
        public var detector: (any VehicleCounter)?
        public var occupancy: OccupancyStage?
        public var watch: WatchSettings

        public init(_ watch: WatchSettings, detector: Bool = true) throws {
            store = try ParkWatchDatabase(path: watch.database)
            self.detector = detector ? try VehicleDetector(modelPath: watch.model, settings: watch.detector) : nil
            occupancy = try InboxPipeline.buildOccupancyStage(watch)
            self.watch = watch
        }
    }

    public static func buildService(
        _ settings: StreamSettings, parts: Parts, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        onSample: @escaping @Sendable (StoredSample) -> Void = { _ in }
    ) throws -> StreamService {
        try FileManager.default.createDirectory(at: parts.watch.archive, withIntermediateDirectories: true)
        let zone = parts.watch.cameraTimeZones[settings.camera] ?? parts.watch.timeZone
        let recorder = SampleRecorder(
            store: parts.store, occupancy: parts.occupancy,
            archive: ArchiveLayout(root: parts.watch.archive.standardizedFileURL, timeZone: zone), keyFrames: settings.keyFrames)
        let (camera, occupancy, detector, gate) = (settings.camera, parts.occupancy, parts.detector, settings.gate)
        return StreamService(
            settings: settings, recorder: recorder,
            health: HealthReporter(store: parts.store, camera: settings.camera, source: settings.source),
            makeAnalyzer: { FrameAnalyzer(camera: camera, occupancy: occupancy, detector: detector, gate: gate, logger: logger) },
            now: now, logger: logger, onSample: onSample)
    }
}
