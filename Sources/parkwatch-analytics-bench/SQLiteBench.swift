import Foundation
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchStore

/// The report as `parkwatch report` builds it (every camera, day buckets, hour-of-day profile,
/// per-space figures), read from a SQLite file holding the synthetic year.
func runSQLiteBench(year: SyntheticYear, path: String, reports: [(String, AnalyticsWindow)]) async throws {
    let writeStart = clock.now
    try SQLiteYear(path: path, spacesPerCamera: 50).writeIfMissing(year)
    print("database \(path) ready in " + String(format: "%.1f s", seconds(clock.now - writeStart)))
    printStorage(path: path, cameras: year.readingsByCamera.count, days: Double(year.minutes) / 1440)
    let store = try ParkWatchDatabase(path: path)
    for (name, window) in reports {
        let cpuStart = processCPUSeconds()
        let wallStart = clock.now
        let scope = try await ReportScope.resolve(camera: nil, lot: nil, configuration: nil, store: store)
        let request = OccupancyReport.Request(window: window, bucket: .day, profile: .hourOfDay, spaces: true)
        let report = try await OccupancyReport.build(request, scope: scope, store: store)
        print("\(name) from SQLite: " + String(format: "wall %.3f s, cpu %.3f s; ", seconds(clock.now - wallStart), processCPUSeconds() - cpuStart)
            + "\(report.photos) photos, \(report.spaces?.count ?? 0) spaces, coverage " + String(format: "%.3f", report.summary.coverage))
    }
}

private func printStorage(path: String, cameras: Int, days: Double) {
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(String(format: "  file %.2f GB: %.2f MB per camera per day (photo + space_reading rows, indexes, changes)",
                 Double(bytes) / 1e9, Double(bytes) / 1e6 / Double(cameras) / days))
}
