import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchPipeline
import ParkWatchStore

/// `parkwatch calibrate --camera ID`: refits the camera's space decisions from its labelled
/// photos, prints how they did on labels held back, and stores the weights, which a running
/// service uses from the camera's next frame.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Refit a camera's space decisions from its labelled photos; print before/after on held-back labels.",
        discussion: "Each labelled photo is held back in turn and judged with weights fitted on the others. docs/occupancy.md.")

    @Option(help: "The camera to calibrate.")
    var camera: String

    @Option(help: "Configuration file (parkwatch.yaml): the camera's layout, the models and the database.")
    var config: String

    @Option(name: .customLong("db"), help: "SQLite database file (default: the configuration's).")
    var database: String?

    @Flag(help: "Remove what the camera learnt (from its labels and its unlabelled frames): back to the prior weights.")
    var reset = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let configuration = try ConfigurationLoader.load(URL(fileURLWithPath: config))
        let options = try WatchOptions.parse(database.map { ["--db", $0] } ?? [])
        let calibrator = CameraCalibrator(parts: try PipelineParts(options.settings(configuration), detector: !reset))
        if reset {
            let removed = try await calibrator.reset(camera: camera)
            return print(removed ? "camera \(camera): calibration and history removed, prior weights from its next frame"
                : "camera \(camera) had no calibration or history")
        }
        let report = try await calibrator.calibrate(camera: camera)
        if json { return try JSONOutput.print(report) }
        print(Self.text(report))
    }

    static func text(_ report: CalibrationReport) -> String {
        let percent = { (value: Double?) in value.map { String(format: "%.2f%%", $0 * 100) } ?? "-" }
        let held = report.before == nil ? "one labelled photo: nothing held back" :
            "held back in turn: \(percent(report.before)) before, \(percent(report.after)) after"
        let w = report.weights
        return """
            camera \(report.camera): \(report.photos) labelled photo(s), \(report.labels) spaces
            \(held)
            weights stored: bias \(String(format: "%.2f", w.bias)), classifier \(String(format: "%.2f", w.classifier)), \
            box \(String(format: "%.2f", w.anchored)), no box \(String(format: "%.2f", w.unboxed)), \
            no box x smallness \(String(format: "%.2f", w.unboxedSmall))
            empty looks stored for \(report.lookedFree) space(s) labelled free\(report.sideView ? "; the detector boxes its vehicles: a missing box counts" : "")
            """
    }
}

/// `parkwatch label import DIR --camera ID`: PKLot XML labels for photos the service has stored.
struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label", abstract: "Store labels of photos (for `parkwatch calibrate`).",
        subcommands: [LabelImportCommand.self])
}

struct LabelImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read PKLot .xml labels beside images; store them with the counted photos of the same content.")

    @Argument(help: "Folder of images with a same-stem PKLot .xml beside each.")
    var folder: String

    @Option(help: "The camera the photos are of.")
    var camera: String

    @OptionGroup var database: DatabaseOption

    @Option(help: "Configuration file: its database.")
    var config: String?

    func run() async throws {
        let configuration = try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
        let store = try database.openExisting(configured: configuration?.database)
        let (photos, labels) = try await LabelImport(store: store).importLabels(from: URL(fileURLWithPath: folder), camera: camera)
        print("camera \(camera): \(labels) space labels stored for \(photos) photo(s)")
    }
}
