import ArgumentParser
import Foundation
import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStreams

/// `parkwatch annotate VIDEO --lot LAYOUT --out OUT.mp4`: the video with each space green (free)
/// or red (occupied) and the free count on top.
struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate", abstract: "Write a copy of a video with free (green) and occupied (red) spaces drawn on it.")

    @Argument(help: "Video file to annotate.")
    var video: String

    @Option(help: "The lot's spaces: a layout JSON, or a mask PNG whose white regions are the spaces.")
    var lot: String

    @Option(help: "Annotated video to write (.mp4, MPEG-4).")
    var out: String

    @Flag(help: "Classifier only: skip the vehicle detector.")
    var noDetector = false

    @OptionGroup var models: ModelOptions

    func run() async throws {
        let layoutURL = URL(fileURLWithPath: lot)
        let layout = layoutURL.pathExtension.lowercased() == "json" ? try LotLayout.load(layoutURL) : try LayoutImport.fromMask(layoutURL)
        let spaces = try models.spaceReader()
        let reader = FrameReader(detector: noDetector ? nil : try models.detector(), spaces: spaces, options: .stream(.default))
        let annotator = VideoAnnotator(reader: reader, layout: layout, settings: spaces.settings)
        let summary = try await annotator.annotate(video, to: out)
        let share = summary.classifications + summary.skipped == 0 ? 0 : 100 * Double(summary.skipped) / Double(summary.classifications + summary.skipped)
        print("\(out): \(summary.frames) frames, free \(summary.lastFree)/\(summary.total) at the end, "
            + "\(summary.classifications) space classifications (\(String(format: "%.1f", share))% skipped by change gating)")
    }
}
