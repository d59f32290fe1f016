import ArgumentParser
import Foundation
import ParkWatchEvaluation
import ParkWatchPipeline
import ParkWatchSpaces

/// `parkwatch replay DIR --lot LAYOUT`: times one camera's frames through the photo path, gated
/// as the service reads photos, or every space of every photo with `--no-gating`.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Time one camera's frames, in capture order, through the photo path; nothing is stored or moved.",
        discussion: "Prints per-photo times (decode included), the share of spaces re-read and the detector passes. docs/benchmarks.md.")

    @Argument(help: "Folder of one camera's frames; file-name order is capture order.")
    var folder: String

    @Option(help: "Layout JSON of the camera.")
    var lot: String

    @Flag(help: "Read every space of every photo (the full path the gate is measured against).")
    var noGating = false

    @Option(help: "Seconds of capture time between full passes when gating.")
    var fullPassEvery: Double = ChangeGate.Settings.photos.fullEvery

    @Option(help: "Most detector tiles a gated photo's closer look runs, or `all` (as the service reads photos); spaces left in doubt beyond them wait for the next photos.")
    var closerLookTiles: TileLimit = TileLimit(ChangeGate.Settings.photos.closerLookTiles)

    @Flag(help: "Replay gated, then in full, and print both with the share of space readings on which they agree.")
    var compare = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var models: ModelOptions

    func validate() throws {
        if compare && noGating { throw ValidationError("--compare replays both ways: drop --no-gating") }
        if fullPassEvery <= 0 { throw ValidationError("--full-pass-every must be greater than 0") }
    }

    func run() async throws {
        let (detector, spaces) = (try models.detector(), try models.spaceReader())
        let layout = try LotLayout.load(URL(fileURLWithPath: lot))
        let replay = { (gate: ChangeGate.Settings?) in
            try await Self.replay(folder, reader: FrameReader(detector: detector, spaces: spaces, options: .photos(gate: gate)), layout: layout)
        }
        let gate = ChangeGate.Settings.photos(fullEvery: fullPassEvery, closerLookTiles: closerLookTiles.tiles)
        if compare {
            let comparison = ReplayComparison(gated: try await replay(gate), full: try await replay(nil))
            if json { return try JSONOutput.print(comparison) }
            let agreement = comparison.agreement.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
            return print(Self.text(comparison.gated, gated: true) + "\n" + Self.text(comparison.full, gated: false)
                + "\nspace readings alike: \(agreement); median \(Self.ratio(comparison.full.medianMs, comparison.gated.medianMs)) faster gated")
        }
        let report = try await replay(noGating ? nil : gate)
        if json { return try JSONOutput.print(report) }
        print(Self.text(report, gated: !noGating))
    }

    /// A number of tiles, or `all` for no limit.
    struct TileLimit: ExpressibleByArgument {
        var tiles: Int?

        init(_ tiles: Int?) { self.tiles = tiles }

        init?(argument: String) {
            if argument == "all" { self.init(nil); return }
            guard let tiles = Int(argument), tiles >= 1 else { return nil }
            self.init(tiles)
        }

        var defaultValueDescription: String { tiles.map(String.init) ?? "all" }
    }

    /// One replay, with a progress line on a terminal; skipped files are named on stderr.
    static func replay(_ folder: String, reader: FrameReader, layout: LotLayout) async throws -> ReplayReport {
        let progress = ProgressLine(noun: "photos")
        defer { progress.clear() }
        let report = try await Replayer(reader: reader, layout: layout).replay(URL(fileURLWithPath: folder), progress: progress.update)
        progress.clear()
        SkippedFile.report(report.skipped)
        return report
    }

    static func ratio(_ slow: Double, _ fast: Double) -> String {
        fast > 0 ? String(format: "%.1fx", slow / fast) : "-"
    }

    static func text(_ report: ReplayReport, gated: Bool) -> String {
        let stages = report.perStageMs.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value))" }
        return """
            \(report.photos) photos \(gated ? "gated" : "in full"): median \(String(format: "%.1f", report.medianMs)) ms, \
            p90 \(String(format: "%.1f", report.p90Ms)) ms, max \(String(format: "%.1f", report.maxMs)) ms, \
            \(String(format: "%.2f", report.photosPerSecond)) photos/s
            spaces re-read \(String(format: "%.1f%%", report.reclassifiedShare * 100)), detector passes \(report.detectorPasses)
            photos with at most \(FewChanges.limit) spaces re-read: \(report.fewChanges.photos), \
            median \(String(format: "%.1f", report.fewChanges.medianMs)) ms (\(report.fewChanges.changedPhotos) with 1 to \(FewChanges.limit): \
            median \(String(format: "%.1f", report.fewChanges.changedMedianMs)) ms)
            photos with every space re-read: \(report.fullPasses.photos), median \(String(format: "%.1f", report.fullPasses.medianMs)) ms, \
            max \(String(format: "%.1f", report.fullPasses.maxMs)) ms, \(String(format: "%.1f", report.fullPasses.meanDetectorPasses)) detector passes each
            mean ms per photo: \(stages.joined(separator: ", "))\(report.skipped.isEmpty ? "" : "\nskipped \(report.skipped.count) file(s)")
            """
    }
}
