import ArgumentParser
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchPipeline
import ParkWatchStore
import ParkWatchStreams
import ServiceLifecycle

/// `parkwatch stream URL|FILE --camera ID`: samples one stream or video file into the store,
/// reconnecting until SIGTERM/SIGINT (a file stops at its end).
struct StreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream", abstract: "Sample a video file or a live stream (RTSP, HTTP MJPEG, snapshot URL) into the store.")

    @Argument(help: "Video file (mp4, mkv, avi), rtsp:// or http:// stream, or snapshot+http:// URL polled for a JPEG.")
    var source: String

    @Option(help: "Camera id the readings are stored under.")
    var camera: String

    @Option(help: "Seconds between analysed samples (0: every frame). Default: the camera's `every` in the config, else 10.")
    var every: Double?

    @Option(help: "Space layout JSON for this camera (overrides the configuration's).")
    var layout: String?

    @Option(help: "Space classifier ONNX (default: the configuration's, else $PARKWATCH_CLASSIFIER, else the bundled one).")
    var classifier: String?

    @Option(help: "Archive a key frame per `sample`, per `change` of a space's state, or `none`.")
    var keyFrames: KeyFramePolicy = .change

    @Option(help: "Capture time of a file's first frame (default: the file's modification time).")
    var start: Instant?

    @OptionGroup var watch: WatchOptions

    @Option(help: "Configuration file (parkwatch.yaml). See docs/configuration.md.")
    var config: String?

    func validate() throws {
        if let every, !(every >= 0) { throw ValidationError("--every must be 0 or more seconds") }
    }

    func run() async throws {
        let configuration = try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
        var settings = watch.settings(configuration)
        if let layout { settings.layouts[camera] = layout }
        if let classifier { settings.classifier = classifier }
        let logger = LogSetup.bootstrap(configuration)
        var stream = StreamSettings(camera: camera, source: source)
        stream.every = every ?? configuration?.cameras[camera]?.every ?? stream.every
        stream.keyFrames = keyFrames
        stream.fileStart = start?.date
        let camera = self.camera
        let service = try StreamPipeline.buildService(
            stream, parts: try PipelineParts(settings), logger: logger,
            onSample: { sample in
                let spaces = sample.reading.map { " free \($0.free)/\($0.total)" } ?? ""
                let vehicles = sample.record.vehicles.map { "\($0)" } ?? "-"
                print("\(ISOTime.format(sample.record.capturedAt)) \(camera) vehicles \(vehicles)\(spaces)")
            })
        let group = ServiceGroup(configuration: .init(
            // A file's end is a normal finish, not a failure of the group.
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension KeyFramePolicy: ExpressibleByArgument {}

/// The configuration's cameras with a `stream:` as services, for `run` and `watch`.
enum ConfiguredStreams {
    static func services(_ configuration: Configuration?, parts: PipelineParts, logger: Logger) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let cameras = (configuration?.cameras.values.filter { $0.stream != nil } ?? []).sorted { $0.id < $1.id }
        return try cameras.map { camera in
            var stream = StreamSettings(camera: camera.id, source: camera.stream!)
            if let every = camera.every { stream.every = every }
            if let tiles = configuration?.spaces.closerLookTiles { stream.gate.closerLookTiles = tiles }
            let service = try StreamPipeline.buildService(stream, parts: parts, logger: logger)
            // One camera's stream ending must not stop the inbox or the web app.
            return .init(service: service, successTerminationBehavior: .ignore)
        }
    }
}
