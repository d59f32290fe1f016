import ParkWatchEvaluation
import ArgumentParser
import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Measure accuracy on labelled data.",
        subcommands: [EvalSpacesCommand.self, EvalCropsCommand.self, EvalCountsCommand.self])
}

struct EvalOptions: ParsableArguments {
    @Argument(help: "Folder of labelled data.")
    var folder: String

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(folder) is not a folder")
        }
    }

    var url: URL { URL(fileURLWithPath: folder) }

    /// The skipped files on stderr, so that `--json` output stays one JSON document; then the
    /// JSON or the table.
    func show<Result: Encodable>(_ result: Result, skipped: [SkippedFile], table: (Result) -> String) throws {
        SkippedFile.report(skipped)
        if json { return try JSONOutput.print(result) }
        print(table(result))
    }

    /// Runs an evaluation with a progress line on a terminal's stderr, cleared however it ends, so
    /// that an error message starts on a clean line.
    func withProgress<Result>(counting noun: String, _ evaluation: (EvaluationProgress) async throws -> Result) async throws -> Result {
        let line = ProgressLine(noun: noun)
        defer { line.clear() }
        return try await evaluation(line.update)
    }
}

struct EvalSpacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spaces", abstract: "Per-space accuracy on images with a same-stem PKLot .xml beside them.")

    @OptionGroup var options: EvalOptions
    @OptionGroup var models: ModelOptions

    @Flag(help: """
        Judge the images as one camera's photos in file-name order (PKLot names are capture times), \
        through the photo path of the running service. Default: each image on its own.
        """)
    var sequence = false

    @Option(name: .customLong("adapt-first"), help: """
        Calibrate the camera's fusion on the labels of the first N images in file-name order, \
        then judge the rest (the JSON adds adapted_on and fusion).
        """)
    var adaptFirst = 0

    @Option(help: """
        Layout JSON to read and judge every image with, its spaces matched to each image's labels \
        by id (default: each image's own XML outlines).
        """)
    var layout: String?

    @Flag(help: "With --sequence: read every space of every image (the photo path with spaces.gating off).")
    var noGating = false

    @Option(help: """
        With --sequence: a folder of the same camera's unlabelled frames, read first in file-name order \
        (its history: what the camera adapts to without labels). Frames taken on a judged image's day are left out.
        """)
    var history: String?

    func validate() throws {
        guard adaptFirst >= 0 else { throw ValidationError("--adapt-first must be 0 or more") }
        if noGating && !sequence { throw ValidationError("--no-gating goes with --sequence: single images are never gated") }
        if history != nil && !sequence { throw ValidationError("--history goes with --sequence: single images learn nothing") }
    }

    func run() async throws {
        let evaluator = try models.evaluator()
        let given = try layout.map { try LotLayout.load(URL(fileURLWithPath: $0)) }
        let result = try await options.withProgress(counting: "images") {
            try await evaluator.spaces(
                in: options.url, asSequence: sequence, gate: noGating ? nil : .photos, adaptFirst: adaptFirst, layout: given,
                history: history.map { URL(fileURLWithPath: $0) }, progress: $0)
        }
        try options.show(result, skipped: result.skipped, table: EvalTable.spaces)
    }
}

struct EvalCropsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crops", abstract: "Accuracy on crops in busy|occupied|not_empty and free|empty folders.")

    @OptionGroup var options: EvalOptions
    @OptionGroup var classifier: ClassifierOptions

    func run() async throws {
        let evaluator = CropEvaluator(reader: try classifier.spaceReader())
        let result = try await options.withProgress(counting: "crops") { try await evaluator.crops(in: options.url, progress: $0) }
        try options.show(result, skipped: result.skipped, table: EvalTable.crops)
    }
}

struct EvalCountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counts", abstract: "Vehicle-count error on images listed in counts.csv (file,count).")

    @OptionGroup var options: EvalOptions
    @OptionGroup var detector: DetectorOptions

    func validate() throws {
        let csv = options.url.appendingPathComponent("counts.csv")
        guard FileManager.default.fileExists(atPath: csv.path) else {
            throw ValidationError("\(options.folder) has no counts.csv (lines of file,count)")
        }
    }

    func run() async throws {
        let evaluator = CountEvaluator(detector: try detector.detector())
        let result = try await options.withProgress(counting: "images") { try await evaluator.counts(in: options.url, progress: $0) }
        try options.show(result, skipped: result.skipped, table: EvalTable.counts)
    }
}

/// The readable form of the evaluation figures.
enum EvalTable {
    static func spaces(_ result: SpacesEvaluation) -> String {
        let rows = result.perImage.map { image in
            "\(image.file)\t\(image.spaces)\t\(percent(image.accuracy))\t\(image.unknown)\t\(image.wrong.joined(separator: ","))"
        }
        // With a history read first, its line says how many looked empty: said once.
        let lookedEmpty = (result.history == nil ? result.lookedEmpty.map { "; \($0) judged space readings looked empty" } ?? "" : "")
            + (result.sideView == true ? "; its labelled cars stood in the detector's boxes (a side view)" : "")
        let adapted = (result.adaptedOn.map { ["adapted on the labels of \($0.count) image(s), not judged\(lookedEmpty)"] } ?? [])
            + (result.history.map { ["read \($0.frames) history frame(s) first; \($0.lookedEmpty) judged space readings looked empty"] } ?? [])
        let baseline = result.baseline.map {
            ["box-centre baseline: accuracy \(percent($0.figures.accuracy))  false alarms \($0.falseAlarms)  misses \($0.misses)"]
        } ?? []
        return (["file\tspaces\taccuracy\tunknown\twrong spaces"] + rows + ["", "\(result.images) images, \(result.spaces) spaces" + skippedNote(result.skipped)]
            + adapted + figures(result.tally, seconds: result.seconds) + baseline).joined(separator: "\n")
    }

    static func crops(_ result: CropsEvaluation) -> String {
        (["\(result.crops) crops" + skippedNote(result.skipped)] + figures(result.tally, seconds: result.seconds)).joined(separator: "\n")
    }

    static func counts(_ result: CountsEvaluation) -> String {
        let rows = result.perImage.map { "\($0.file)\t\($0.expected)\t\($0.found)" }
        let summary = "\(result.images) images\(skippedNote(result.skipped)), MAE \(result.mae.map { String(format: "%.2f", $0) } ?? "-"), MAPE \(percent(result.mape)), \(String(format: "%.1f", result.seconds)) s"
        return (["file\texpected\tfound"] + rows + ["", summary]).joined(separator: "\n")
    }

    private static func figures(_ tally: BinaryTally, seconds: Double) -> [String] {
        [
            "accuracy \(percent(tally.accuracy))  precision \(percent(tally.precision))  recall \(percent(tally.recall))  F1 \(percent(tally.f1))  balanced \(percent(tally.balancedAccuracy))",
            "occupied as positive: TP \(tally.truePositives)  FP \(tally.falsePositives)  TN \(tally.trueNegatives)  FN \(tally.falseNegatives)  unknown \(tally.unknown)",
            String(format: "%.1f s", seconds),
        ]
    }

    /// Whole files and single spaces apart: a frame judged without two spaces past its edge is not
    /// a skipped file.
    private static func skippedNote(_ skipped: [SkippedFile]) -> String {
        let spaces = skipped.count { $0.space != nil }
        let files = skipped.count - spaces
        let parts = (files > 0 ? ["\(files) file\(files == 1 ? "" : "s") skipped"] : [])
            + (spaces > 0 ? ["\(spaces) labelled space\(spaces == 1 ? "" : "s") left out"] : [])
        return parts.isEmpty ? "" : ", \(parts.joined(separator: ", ")) (named on stderr)"
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
    }
}

extension SkippedFile {
    /// One line each on stderr, so that standard output stays the result alone.
    static func report(_ files: [SkippedFile]) {
        for file in files {
            let line = file.space.map { "\(file.file): left out space \"\($0)\": \(file.reason)" } ?? "skipped \(file.file): \(file.reason)"
            FileHandle.standardError.write(Data("parkwatch: \(line)\n".utf8))
        }
    }
}
