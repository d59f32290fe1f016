import Foundation
import ParkWatchAnalytics

// Times a full report (lot summary, per-camera summaries, hour/day/week buckets, hour-of-day and
// day-of-week profiles, per-space figures) on synthetic data held in memory.

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU time of this process: unlike wall time, not inflated when other work shares the cores.
func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Runs `work`, printing its wall-clock and CPU seconds.
func timed<T>(_ label: String, _ work: () -> T) -> T {
    let cpuStart = processCPUSeconds()
    let wallStart = clock.now
    let result = work()
    let wall = seconds(clock.now - wallStart)
    let cpu = processCPUSeconds() - cpuStart
    let padded = label.padding(toLength: 22, withPad: " ", startingAt: 0)
    print("  \(padded)" + String(format: "wall %6.3f s   cpu %6.3f s", wall, cpu))
    return result
}

let yearStart = ISO8601DateFormatter().date(from: "2025-01-01T00:00:00Z")!
let generation = clock.now
let year = SyntheticYear(cameras: 10, spacesPerCamera: 50, days: 365, start: yearStart)
let readingCount = year.readingsByCamera.values.reduce(0) { $0 + $1.count }
print("generated \(readingCount) photo readings, \(year.changes.count) space state changes in "
    + String(format: "%.1f s", seconds(clock.now - generation)))

let rome = TimeZone(identifier: "Europe/Rome")!
let reports = [
    ("month (January)", AnalyticsWindow(from: yearStart, to: year.date(31 * 24 * 60), timeZone: rome)),
    ("year", AnalyticsWindow(from: yearStart, to: year.date(year.minutes), timeZone: rome)),
]

if let flag = CommandLine.arguments.firstIndex(of: "--sqlite"), flag + 1 < CommandLine.arguments.count {
    try await runSQLiteBench(year: year, path: CommandLine.arguments[flag + 1], reports: reports)
} else {
    for (name, window) in reports {
        let input = BenchInput(year: year, window: window)
        print("\(name): \(input.readingCount) readings, \(input.changes.count) changes")
        timed("whole report") { runReport(input, window: window) }
    }
}
