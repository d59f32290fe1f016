import Foundation
import ParkWatchConfig
import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStreams
import ParkWatchVision

/// Frames per second analysed on a video with and without change gating, the share of space
/// classifications gating skipped, and how often the two agree on every space's raw state.
///
///     swift run -c release parkwatch-stream-bench [--video V] [--mask M] [--no-detector]
struct BenchOptions {
    var video = "../shared/datasets/seed-lot/parking_crop.mp4"
    var mask = "../shared/datasets/seed-lot/mask_crop.png"
    var model = ModelLocator.detector.resolve(explicit: nil)
    var classifier = ModelLocator.classifier.resolve(explicit: nil)
    var detector = true

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--video": video = rest.popFirst() ?? video
            case "--mask": mask = rest.popFirst() ?? mask
            case "--model": model = rest.popFirst() ?? model
            case "--classifier": classifier = rest.popFirst() ?? classifier
            case "--no-detector": detector = false
            default: FileHandle.standardError.write(Data("unknown argument \(flag)\n".utf8)); exit(2)
            }
        }
    }
}

struct Run {
    var frames = 0
    var seconds = 0.0
    var classified = 0
    var skipped = 0
    var detectorRuns = 0
    var states: [String] = []
}

func measure(_ options: BenchOptions, gate: ChangeGate.Settings) async throws -> Run {
    let layout = try LayoutImport.fromMask(URL(fileURLWithPath: options.mask))
    let spaces = SpaceReader(classifier: try SpaceClassifier(modelPath: options.classifier))
    let detector = options.detector ? try VehicleDetector(modelPath: options.model) : nil
    let reader = FrameReader(detector: detector, spaces: spaces, options: .stream(gate))
    let video = try VideoSource(opening: options.video)
    var run = Run()
    let start = ContinuousClock.now
    while true {
        guard try video.grabIfAny() else { break }
        let (seconds, atto) = video.position.components
        let analysis = try await reader.read(try video.retrieve(), camera: "bench", layout: layout, at: Double(seconds) + Double(atto) / 1e18)
        run.frames += 1
        run.classified += analysis.reclassified
        run.skipped += analysis.decisions.count - analysis.reclassified
        run.detectorRuns += analysis.detectorRan ? 1 : 0
        run.states.append(String(analysis.decisions.map { $0.state.rawValue.first! }))
    }
    let (s, a) = (ContinuousClock.now - start).components
    run.seconds = Double(s) + Double(a) / 1e18
    return run
}

let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
OpenCV.setThreadCount(1)
let plain = try await measure(options, gate: .off)
let gated = try await measure(options, gate: .default)
let agree = zip(plain.states, gated.states).filter { $0 == $1 }.count
let differing = zip(plain.states, gated.states).map { zip($0, $1).filter { $0 != $1 }.count }.reduce(0, +)
func line(_ name: String, _ run: Run) -> String {
    let share = 100 * Double(run.skipped) / Double(max(run.classified + run.skipped, 1))
    return String(format: "%@  %4d frames in %6.2f s = %6.1f frames/s  classifications %5d  skipped %5.1f%%  detector runs %4d",
                  name, run.frames, run.seconds, Double(run.frames) / run.seconds, run.classified, share, run.detectorRuns)
}
print("video \(options.video), every frame analysed, detector \(options.detector ? "on" : "off"), OpenCV threads 1")
print(line("without gating", plain))
print(line("with gating   ", gated))
print(String(format: "speed-up %.2fx; frames where every space's raw state agrees: %d/%d (%.1f%%); space readings that differ: %d/%d (%.2f%%)",
             (Double(gated.frames) / gated.seconds) / (Double(plain.frames) / plain.seconds), agree, plain.frames,
             100 * Double(agree) / Double(max(plain.frames, 1)), differing, plain.classified,
             100 * Double(differing) / Double(max(plain.classified, 1))))
