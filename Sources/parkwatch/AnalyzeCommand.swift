import ArgumentParser
import Foundation
import ParkWatchInbox
import ParkWatchVision

struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Count vehicles in images; nothing is stored or moved.")

    @Argument(help: "Image files.")
    var images: [String]

    @Flag(help: "Print a JSON array, one object per image.")
    var json = false

    @Option(help: "YOLOX-Nano ONNX weights (default: $PARKWATCH_MODEL, else models/yolox_nano.onnx).")
    var model: String?

    @Flag(help: "Whole frame only, no tiles (faster, misses small vehicles).")
    var noTiles = false

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one image") }
    }

    func run() async throws {
        var settings = DetectorSettings.default
        if noTiles { settings.tiling = nil }
        let detector = try VehicleDetector(modelPath: ModelLocator.resolve(explicit: model), settings: settings)
        var results: [ImageAnalysis] = []
        for path in images {
            results.append(await ImageAnalysis.run(path, detector: detector))
            if !json { Swift.print(results[results.count - 1].line) }
        }
        if json { try JSONOutput.print(results) }
        let failed = results.filter { $0.error != nil }.count
        if failed > 0 { throw CLIError.someImagesFailed(count: failed) }
    }
}

/// One object of `analyze --json`: `{"file","vehicles","boxes":[{"x","y","w","h","score","label"}],"ms"}`,
/// plus `"error"` for an image that could not be read.
struct ImageAnalysis: Encodable {
    var file: String
    var vehicles: Int?
    var boxes: [VehicleBox]
    var ms: Double
    var error: String?

    static func run(_ path: String, detector: VehicleDetector) async -> ImageAnalysis {
        let start = ContinuousClock.now
        do {
            let image = try await Image.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
            let detections = try await detector.detect(image)
            return ImageAnalysis(file: path, vehicles: detections.vehicles, boxes: detections.boxes, ms: elapsed(since: start))
        } catch {
            return ImageAnalysis(file: path, vehicles: nil, boxes: [], ms: elapsed(since: start), error: "\(error)")
        }
    }

    var line: String {
        if let error { return "\(file): error: \(error)" }
        return "\(file): \(vehicles ?? 0) vehicles (\(Int(ms.rounded())) ms)"
    }

    private static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
    }
}
