import Foundation
import ParkWatchAnalytics

/// Shared builders: times are given in minutes after a fixed UTC instant, so cases read as plain numbers.
enum Fixture {
    static let base = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z

    static func at(_ minute: Double) -> Date { base.addingTimeInterval(minute * 60) }

    static func reading(_ minute: Double, _ occupied: Double, capacity: Int = 20, camera: String = "A") -> OccupancyReading {
        OccupancyReading(camera: camera, at: at(minute), occupied: occupied, capacity: capacity)
    }

    static func window(_ fromMinute: Double, _ toMinute: Double, staleMinutes: Double = 15) -> AnalyticsWindow {
        AnalyticsWindow(from: at(fromMinute), to: at(toMinute), timeZone: .gmt, maxStaleness: staleMinutes * 60)
    }

    static func change(_ minute: Double, _ state: SpaceObservation, space: String, camera: String = "A") -> SpaceStateChange {
        SpaceStateChange(camera: camera, space: space, at: at(minute), state: state)
    }

    /// Photos of `camera` every `every` minutes over `[from, to)`.
    static func photos(from: Double, to: Double, every: Double = 5, camera: String = "A") -> [OccupancyReading] {
        stride(from: from, to: to, by: every).map { reading($0, 0, capacity: 10, camera: camera) }
    }

    static let rome = TimeZone(identifier: "Europe/Rome")!

    /// A UTC instant written as ISO-8601 text.
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }
}

/// Relative-or-absolute closeness, for figures computed through different float summation orders.
func isClose(_ lhs: Double?, _ rhs: Double?, tolerance: Double = 1e-9) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): return true
    case let (lhs?, rhs?): return abs(lhs - rhs) <= tolerance * max(1, abs(lhs), abs(rhs))
    default: return false
    }
}

/// Field-by-field comparison of two summaries up to floating-point rounding.
func summariesMatch(_ lhs: OccupancySummary, _ rhs: OccupancySummary) -> Bool {
    isClose(lhs.windowSeconds, rhs.windowSeconds) && isClose(lhs.observedSeconds, rhs.observedSeconds)
        && isClose(lhs.coverage, rhs.coverage)
        && isClose(lhs.timeWeightedOccupied, rhs.timeWeightedOccupied)
        && isClose(lhs.timeWeightedCapacity, rhs.timeWeightedCapacity)
        && isClose(lhs.occupancyRate, rhs.occupancyRate)
        && lhs.sampleCount == rhs.sampleCount
        && isClose(lhs.sampleMeanOccupied, rhs.sampleMeanOccupied)
        && isClose(lhs.sampleMeanRate, rhs.sampleMeanRate)
        && lhs.peak == rhs.peak && lhs.minimum == rhs.minimum
        && lhs.p50 == rhs.p50 && lhs.p85 == rhs.p85
        && isClose(lhs.hoursAboveThreshold, rhs.hoursAboveThreshold)
        && lhs.capacity == rhs.capacity
        && lhs.timeAtRate.map(\.rate) == rhs.timeAtRate.map(\.rate)
        && zip(lhs.timeAtRate, rhs.timeAtRate).allSatisfy { isClose($0.seconds, $1.seconds) }
}
