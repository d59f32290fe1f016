import Foundation
import Logging
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision
import ParkWatchWebhooks

/// What is loaded once per process and shared by the watcher, the streams and the web app: one
/// database pool, one detector, one classifier, every camera's layout.
package struct PipelineParts: Sendable {
    package let settings: WatchSettings
    package let store: ParkWatchDatabase
    package let detector: (any VehicleCounter)?
    /// The cameras with detector settings of their own; the others use `detector`.
    package let cameraDetectors: [String: any VehicleCounter]
    /// nil when no camera has a layout: the classifier is then never loaded.
    package let spaces: SpaceReader?
    /// Each camera's layout as drawn, by camera id, read again when its file changes.
    package let layouts: CameraLayouts

    /// `detector: false` leaves the detector out (tests and the classifier-only paths).
    package init(_ settings: WatchSettings, detector: Bool = true) throws {
        self.settings = settings
        store = try ParkWatchDatabase(path: settings.database)
        self.detector = detector ? try Self.loadDetector(settings) : nil
        cameraDetectors = detector ? try Self.loadCameraDetectors(settings) : [:]
        layouts = try CameraLayouts(files: settings.layouts)
        spaces = layouts.isEmpty ? nil : try Self.loadClassifier(settings)
    }

    /// Parts over models the caller already holds (tests, benchmarks).
    package init(settings: WatchSettings, store: ParkWatchDatabase, detector: (any VehicleCounter)?, spaces: SpaceReader?,
                layouts: [String: LotLayout], cameraDetectors: [String: any VehicleCounter] = [:]) {
        self.settings = settings
        self.store = store
        self.detector = detector
        self.cameraDetectors = cameraDetectors
        self.spaces = spaces
        self.layouts = CameraLayouts(fixed: layouts)
    }

    /// A reader over the shared models and the cameras' stored calibrations; each reader keeps
    /// its own per-camera memory.
    package func frameReader(_ options: FrameReader.Options, logger: Logger = Logger(label: "parkwatch.pipeline")) -> FrameReader {
        FrameReader(
            detector: detector, spaces: spaces, options: options, cameraDetectors: cameraDetectors, calibrations: store,
            light: settings.light, cameraLights: settings.cameraLights, logger: logger)
    }

    package func recorder(metrics: PipelineMetrics = .bootstrapped) -> ReadingRecorder {
        ReadingRecorder(
            store: store, settings: settings.spaces, overlays: settings.overlays, metrics: metrics,
            webhooks: webhookEvents)
    }

    /// Which events readings, health changes and silent cameras cause, for the configured receivers.
    package var webhookEvents: WebhookEvents { WebhookEvents(targets: settings.webhooks, lots: settings.cameraLots) }

    static func loadDetector(_ settings: WatchSettings) throws -> VehicleDetector {
        try VehicleDetector(modelPath: settings.model, settings: settings.detector)
    }

    /// One detector per distinct setting among the cameras' own, shared by the cameras that have it.
    static func loadCameraDetectors(_ settings: WatchSettings) throws -> [String: any VehicleCounter] {
        var loaded: [(settings: DetectorSettings, detector: VehicleDetector)] = []
        var byCamera: [String: any VehicleCounter] = [:]
        for (camera, own) in settings.cameraDetectors.sorted(by: { $0.key < $1.key }) where own != settings.detector {
            if let shared = loaded.first(where: { $0.settings == own }) {
                byCamera[camera] = shared.detector
            } else {
                let detector = try VehicleDetector(modelPath: settings.model, settings: own)
                loaded.append((own, detector))
                byCamera[camera] = detector
            }
        }
        return byCamera
    }

    static func loadClassifier(_ settings: WatchSettings) throws -> SpaceReader {
        guard FileManager.default.fileExists(atPath: settings.classifier) else {
            throw PipelineError.modelMissing(kind: "space classifier (spaces.classifier)", path: settings.classifier)
        }
        return SpaceReader(classifier: try SpaceClassifier(modelPath: settings.classifier), settings: settings.spaces)
    }
}
