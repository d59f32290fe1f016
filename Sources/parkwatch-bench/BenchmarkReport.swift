import Foundation
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchPipeline
import ParkWatchVision

/// The printed figures: per-stage mean, median and 95th percentile, and throughput.
struct BenchmarkReport {
    var results: [StageTimings]
    var wall: Double
    var frames: [String]

    var text: String {
        let stages: [(String, KeyPath<StageTimings, Double>)] = [
            ("read", \.read), ("decode", \.decode), ("detect", \.detect), ("store", \.store), ("move", \.move), ("total", \.total),
        ]
        var lines = [
            "machine: \(OpenCV.availableCores) cores for this process, OpenCV \(OpenCV.version), \(VehicleDetector.defaultWorkers) detector networks",
            "backlog: \(results.count) photos cycled from \(frames.count) frames",
            String(format: "wall %.2f s, %.2f photos/s", wall, Double(results.count) / max(wall, 1e-9)),
            "stage      mean ms   p50 ms   p95 ms",
        ]
        for (name, path) in stages {
            let values = results.map { $0[keyPath: path] }.sorted()
            lines.append(String(format: "%-8@ %8.1f %8.1f %8.1f", name as NSString, mean(values), percentile(values, 0.5), percentile(values, 0.95)))
        }
        return lines.joined(separator: "\n")
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
