import Foundation
import ParkWatchAnalytics

/// What the store would hand over for a window: readings from the last one before `from` up to `to`,
/// and per space its last change before `from` plus the changes inside.
struct BenchInput {
    var readingsByCamera: [String: [OccupancyReading]] = [:]
    var changes: [SpaceStateChange] = []

    init(year: SyntheticYear, window: AnalyticsWindow) {
        for (camera, readings) in year.readingsByCamera {
            let first = max(0, (readings.firstIndex { $0.at > window.from } ?? readings.count) - 1)
            let end = readings.firstIndex { $0.at >= window.to } ?? readings.count
            readingsByCamera[camera] = Array(readings[first..<end])
        }
        var position = 0
        while position < year.changes.count {
            var runEnd = position
            let key = (year.changes[position].camera, year.changes[position].space)
            while runEnd < year.changes.count, (year.changes[runEnd].camera, year.changes[runEnd].space) == key { runEnd += 1 }
            let run = year.changes[position..<runEnd]
            let first = max(position, (run.firstIndex { $0.at > window.from } ?? runEnd) - 1)
            changes += run[first...].prefix { $0.at < window.to }
            position = runEnd
        }
    }

    var readingCount: Int { readingsByCamera.values.reduce(0) { $0 + $1.count } }
}

func runReport(_ input: BenchInput, window: AnalyticsWindow) {
    let lot = timed("lot summary") { OccupancyAnalytics.lotSummary(input.readingsByCamera, window: window) }
    let cameras = timed("10 camera summaries") {
        input.readingsByCamera.mapValues { OccupancyAnalytics.summary($0, window: window) }
    }
    var bucketCount = 0
    for size in BucketSize.allCases {
        bucketCount += timed("\(size) buckets") { OccupancyAnalytics.buckets(input.readingsByCamera, window: window, size: size) }.count
    }
    for kind in ProfileKind.allCases {
        _ = timed("\(kind) profile") { OccupancyAnalytics.profile(input.readingsByCamera, window: window, by: kind) }
    }
    let spaces = timed("per-space figures") {
        OccupancyAnalytics.spaces(input.changes, cameraReadings: input.readingsByCamera, window: window)
    }
    print(String(format: "  lot: coverage %.3f, rate %.3f, p85 %.3f; %d cameras, %d buckets, %d spaces",
                 lot.coverage, lot.occupancyRate ?? .nan, lot.p85 ?? .nan, cameras.count, bucketCount, spaces.count))
}
