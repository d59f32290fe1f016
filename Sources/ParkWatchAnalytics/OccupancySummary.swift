import Foundation

/// The highest or lowest occupancy seen, and the first instant it was observed.
package struct OccupancyExtreme: Sendable, Equatable, Codable {
    /// Occupancy rate, `occupied / capacity`; extremes are ranked by this.
    package var rate: Double
    package var occupied: Double
    package var capacity: Int
    /// First observed instant (inside the window) at which the rate held.
    package var at: Date

    package init(rate: Double, occupied: Double, capacity: Int, at: Date) {
        self.rate = rate
        self.occupied = occupied
        self.capacity = capacity
        self.at = at
    }
}

/// Observed time spent at one occupancy rate: the time-weighted distribution behind the
/// percentiles. Kept in the summary so that summaries of disjoint intervals combine exactly.
package struct RateShare: Sendable, Equatable, Codable {
    package var rate: Double
    package var seconds: Double

    package init(rate: Double, seconds: Double) {
        self.rate = rate
        self.seconds = seconds
    }
}

/// Occupancy figures over one interval (a window, a bucket, or a profile slot).
/// Every figure that needs observed time is `nil` when nothing was observed; see docs/analytics.md.
package struct OccupancySummary: Sendable, Equatable, Codable {
    /// Length of the interval the figures describe (for a profile slot: all window time in that slot).
    package var windowSeconds: Double
    package var observedSeconds: Double
    /// `observedSeconds / windowSeconds`, 0 for an empty interval.
    package var coverage: Double
    package var timeWeightedOccupied: Double?
    package var timeWeightedCapacity: Double?
    /// `timeWeightedOccupied / timeWeightedCapacity`.
    package var occupancyRate: Double?
    package var sampleCount: Int
    package var sampleMeanOccupied: Double?
    package var sampleMeanRate: Double?
    package var peak: OccupancyExtreme?
    package var minimum: OccupancyExtreme?
    package var p50: Double?
    package var p85: Double?
    package var fullThreshold: Double
    /// Observed hours with rate >= `fullThreshold`.
    package var hoursAboveThreshold: Double?
    /// Largest capacity observed (normally the constant layout size).
    package var capacity: Int?
    /// Observed seconds per distinct rate, ascending by rate.
    package var timeAtRate: [RateShare]

    package init(
        windowSeconds: Double, observedSeconds: Double, coverage: Double,
        timeWeightedOccupied: Double?, timeWeightedCapacity: Double?, occupancyRate: Double?,
        sampleCount: Int, sampleMeanOccupied: Double?, sampleMeanRate: Double?,
        peak: OccupancyExtreme?, minimum: OccupancyExtreme?, p50: Double?, p85: Double?,
        fullThreshold: Double, hoursAboveThreshold: Double?, capacity: Int?, timeAtRate: [RateShare]
    ) {
        self.windowSeconds = windowSeconds
        self.observedSeconds = observedSeconds
        self.coverage = coverage
        self.timeWeightedOccupied = timeWeightedOccupied
        self.timeWeightedCapacity = timeWeightedCapacity
        self.occupancyRate = occupancyRate
        self.sampleCount = sampleCount
        self.sampleMeanOccupied = sampleMeanOccupied
        self.sampleMeanRate = sampleMeanRate
        self.peak = peak
        self.minimum = minimum
        self.p50 = p50
        self.p85 = p85
        self.fullThreshold = fullThreshold
        self.hoursAboveThreshold = hoursAboveThreshold
        self.capacity = capacity
        self.timeAtRate = timeAtRate
    }

    // Written by hand only so that missing figures appear as JSON `null` instead of vanishing:
    // a report reader should see "not observed", never a silently absent key.
    package func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(windowSeconds, forKey: .windowSeconds)
        try keyed.encode(observedSeconds, forKey: .observedSeconds)
        try keyed.encode(coverage, forKey: .coverage)
        try keyed.encode(timeWeightedOccupied, forKey: .timeWeightedOccupied)
        try keyed.encode(timeWeightedCapacity, forKey: .timeWeightedCapacity)
        try keyed.encode(occupancyRate, forKey: .occupancyRate)
        try keyed.encode(sampleCount, forKey: .sampleCount)
        try keyed.encode(sampleMeanOccupied, forKey: .sampleMeanOccupied)
        try keyed.encode(sampleMeanRate, forKey: .sampleMeanRate)
        try keyed.encode(peak, forKey: .peak)
        try keyed.encode(minimum, forKey: .minimum)
        try keyed.encode(p50, forKey: .p50)
        try keyed.encode(p85, forKey: .p85)
        try keyed.encode(fullThreshold, forKey: .fullThreshold)
        try keyed.encode(hoursAboveThreshold, forKey: .hoursAboveThreshold)
        try keyed.encode(capacity, forKey: .capacity)
        try keyed.encode(timeAtRate, forKey: .timeAtRate)
    }
}

extension OccupancySummary {
    /// Combines summaries of disjoint intervals into the summary of their union.
    ///
    /// Time-weighted figures are weighted by observed time, sample means by sample count, hours
    /// and seconds add up, extremes take the higher/lower rate (the earlier instant on a tie), and
    /// percentiles are recomputed from the merged `timeAtRate`. Splitting a window in two and
    /// combining the halves gives the whole window's summary up to floating-point rounding.
    /// All parts are assumed to use the same `fullThreshold` (the first part's is kept).
    package static func combining(_ parts: [OccupancySummary]) -> OccupancySummary {
        guard let first = parts.first else {
            return SummaryAccumulator(fullThreshold: AnalyticsWindow.defaultFullThreshold).summary()
        }
        var total = SummaryAccumulator(fullThreshold: first.fullThreshold)
        for part in parts {
            total.merge(SummaryAccumulator(part))
        }
        return total.summary()
    }
}

extension AnalyticsWindow {
    static let defaultFullThreshold = 0.85
}
