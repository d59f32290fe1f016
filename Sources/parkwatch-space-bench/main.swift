import Foundation
import ParkWatchSpaces
import ParkWatchVision

// Times the space classifier alone on real frames: crop + rectify + forward pass for 40 spaces of a
// 1280x720 PKLot frame, one OpenCV thread. Prints; does not judge (the target is ≤ 30 ms a frame).
//
//   parkwatch-space-bench [FRAMES_DIR] [--classifier FILE] [--spaces 40] [--runs 30]

func option(_ name: String, _ fallback: String) -> String {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else { return fallback }
    return CommandLine.arguments[index + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
let positional = arguments.indices.first { !arguments[$0].hasPrefix("--") && ($0 == 0 || !arguments[$0 - 1].hasPrefix("--")) }.map { arguments[$0] }
let frames = URL(fileURLWithPath: positional ?? "../shared/datasets/pklot-ufpr05-dev/day0")
let spaceCount = Int(option("--spaces", "40")) ?? 40
let runs = Int(option("--runs", "30")) ?? 30
OpenCV.setThreadCount(1)

let xmls = try FileManager.default.contentsOfDirectory(at: frames, includingPropertiesForKeys: nil)
    .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path }
guard let xml = xmls.first else { fatalError("no PKLot .xml under \(frames.path)") }
let image = try ["jpg", "png"].lazy.map { xml.deletingPathExtension().appendingPathExtension($0) }
    .first { FileManager.default.fileExists(atPath: $0.path) }
    .map { try Image(contentsOfFile: $0.path) }
guard let image else { fatalError("no image beside \(xml.path)") }
let layout = try LayoutImport.fromPKLot(xml).layout.resolved(width: image.width, height: image.height)
let spaces = Array(layout.spaces.prefix(spaceCount))
let classifier = try SpaceClassifier(modelPath: option("--classifier", "models/space-classifier/space_classifier.onnx"))

_ = try classifier.classifyBlocking(image, spaces: spaces)  // warm-up: first forward pass allocates
let clock = ContinuousClock()
var times: [Double] = []
for _ in 0..<runs {
    let start = clock.now
    _ = try classifier.classifyBlocking(image, spaces: spaces)
    times.append((clock.now - start).inMilliseconds)
}
times.sort()
print("frame \(image.width)x\(image.height) (\(xml.deletingPathExtension().lastPathComponent)), \(spaces.count) spaces, \(runs) runs, 1 OpenCV thread")
print(String(format: "per frame: median %.1f ms, p90 %.1f ms, min %.1f ms; per space: median %.2f ms",
             times[runs / 2], times[runs * 9 / 10], times[0], times[runs / 2] / Double(spaces.count)))
