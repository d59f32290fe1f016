import ArgumentParser
import Foundation
import ParkWatchEvaluation
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Count vehicles (and, with --lot, read each space) in images; nothing is stored or moved.")

    @Argument(help: "Image files.")
    var images: [String]

    @Flag(help: "Print a JSON array, one object per image.")
    var json = false

    @OptionGroup var models: ModelOptions

    @Flag(help: "Whole frame only, no tiles (faster, misses small vehicles).")
    var noTiles = false

    @Option(help: "Layout JSON: also decide each space (occupied, free, unknown).")
    var lot: String?

    @Option(help: "With --lot: write <name>.overlay.png for each image into this folder.")
    var overlays: String?

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one image") }
        if overlays != nil && lot == nil { throw ValidationError("--overlays needs --lot") }
        if noTiles && models.tiles != nil { throw ValidationError("--no-tiles and --tiles: give one") }
    }

    func run() async throws {
        var settings = DetectorSettings.default
        if noTiles { settings.tiling = nil }
        let analyzer = ImageAnalyzer(
            reader: FrameReader(detector: try models.detector(settings), spaces: try lot.map { _ in try models.spaceReader() },
                                options: .singleFrames),
            layout: try lot.map { try LotLayout.load(URL(fileURLWithPath: $0)) },
            overlayFolder: overlays.map { URL(fileURLWithPath: $0) })
        var results: [ImageAnalysis] = []
        for path in images {
            let result = await analyzer.analyze(path)
            if !json { print(result.line) }
            results.append(result)
        }
        if json { try JSONOutput.print(results.map { Adjusted($0, $0.adjustment) }) }
        let failed = results.filter { $0.error != nil }.count
        if failed > 0 { throw CLIError.someImagesFailed(count: failed) }
    }
}

/// One image through the frame reader: vehicles and, given a layout, each space. Each image is
/// judged on its own, with no memory of the others.
struct ImageAnalyzer {
    let reader: FrameReader
    let layout: LotLayout?
    let overlayFolder: URL?

    func analyze(_ path: String) async -> ImageAnalysis {
        let start = ContinuousClock.now
        do {
            let image = try await Image.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
            let reading = try await reader.read(image, camera: "analyze", layout: layout)
            if let failure = reading.spacesFailure { throw EvaluationError.spacesFailed(reason: failure) }
            var result = ImageAnalysis(file: path, vehicles: reading.vehicles, boxes: reading.countedBoxes, ms: 0)
            result.adjustment = reading.adjustment
            if let layout = reading.layout {
                result.spaces = SpaceSummary(reading.decisions)
                if let overlayFolder {
                    result.overlay = try writeOverlay(image, layout: layout, decisions: reading.decisions, path: path, into: overlayFolder)
                }
            }
            result.ms = ImageAnalysis.elapsed(since: start)
            return result
        } catch {
            return ImageAnalysis(file: path, vehicles: nil, boxes: [], ms: ImageAnalysis.elapsed(since: start), error: "\(error)")
        }
    }

    private func writeOverlay(_ image: Image, layout: LotLayout, decisions: [SpaceDecision], path: String, into folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".overlay.png")
        let overlay = zip(layout.spaces, decisions).map { OverlaySpace(polygon: $0.polygon, state: $1.state, label: $0.id) }
        try OverlayRenderer.render(image, spaces: overlay, banner: OverlayRenderer.banner(overlay), to: url)
        return url.path
    }
}

/// One object of `analyze --json`: `{"file","vehicles","boxes":[{"x","y","w","h","score","label"}],"ms"}`,
/// plus `"spaces"` with `--lot`, `"overlay"` with `--overlays`, `"lifted_by"` (the gamma) for a dim
/// image lifted before it was read, `"lifted_locally"` when its dim parts were lifted more,
/// `"stretched_by"` (the contrast's factor) for a flat one, `"sharpened": true` for a soft one the
/// detector read sharpened, and `"error"` for an image that could not be read.
struct ImageAnalysis: Encodable {
    var file: String
    var vehicles: Int?
    var boxes: [VehicleBox]
    var ms: Double
    var error: String?
    var spaces: SpaceSummary?
    var overlay: String?
    var adjustment: FrameAdjustment?

    /// `adjustment` is printed beside these (`Adjusted`).
    enum CodingKeys: String, CodingKey {
        case file, vehicles, boxes, ms, error, spaces, overlay
    }

    var line: String {
        if let error { return "\(file): error: \(error)" }
        var text = "\(file): \(vehicles ?? 0) vehicles"
        if let spaces { text += ", free \(spaces.free) / \(spaces.total) spaces (\(spaces.unknown) unknown)" }
        if let gamma = adjustment?.shownGamma { text += ", dim: lifted by gamma \(gamma)" }
        if adjustment?.liftedLocally == true { text += ", dim parts lifted more" }
        if let gain = adjustment?.shownGain { text += ", flat: contrast stretched \(gain)×" }
        if adjustment?.sharpened == true { text += ", soft: sharpened for the detector" }
        return text + " (\(Int(ms.rounded())) ms)"
    }

    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        ((ContinuousClock.now - start).inMilliseconds * 10).rounded() / 10
    }
}

/// `"spaces"` of `analyze --json --lot`: counts, free ids, and each space's state and confidence.
struct SpaceSummary: Encodable {
    struct Space: Encodable {
        var id: String
        var state: String
        var confidence: Double
        /// Why an unknown space could not be judged ("too dark", "blurred or covered").
        var problem: String?
    }

    var total: Int
    var occupied: Int
    var free: Int
    var unknown: Int
    var freeSpaces: [String]
    var states: [Space]

    enum CodingKeys: String, CodingKey {
        case total, occupied, free, unknown, states
        case freeSpaces = "free_spaces"
    }

    init(_ decisions: [SpaceDecision]) {
        total = decisions.count
        occupied = decisions.filter { $0.state == .occupied }.count
        free = decisions.filter { $0.state == .free }.count
        unknown = decisions.filter { $0.state == .unknown }.count
        freeSpaces = decisions.filter { $0.state == .free }.map(\.spaceID)
        states = decisions.map {
            Space(id: $0.spaceID, state: $0.state.rawValue, confidence: ($0.confidence * 1000).rounded() / 1000, problem: $0.viewProblem)
        }
    }
}
