import Foundation

/// Additive running totals from which an `OccupancySummary` is derived.
///
/// Everything here is a sum, a count, an extreme or a histogram, so two accumulators of
/// disjoint intervals merge into exactly the accumulator of their union.
struct SummaryAccumulator: Sendable {
    var fullThreshold: Double
    var windowSeconds = 0.0
    var observedSeconds = 0.0
    /// Σ occupied × duration (occupied-space-seconds).
    var occupiedSeconds = 0.0
    /// Σ capacity × duration (space-seconds offered).
    var capacitySeconds = 0.0
    var aboveThresholdSeconds = 0.0
    var sampleCount = 0
    var sampleOccupiedSum = 0.0
    var sampleRateSum = 0.0
    var peak: OccupancyExtreme?
    var minimum: OccupancyExtreme?
    var largestCapacity: Int?
    var secondsByRate: [Double: Double] = [:]

    init(fullThreshold: Double) {
        self.fullThreshold = fullThreshold
    }

    mutating func addObserved(from start: Double, to end: Double, occupied: Double, capacity: Int) {
        let seconds = end - start
        guard seconds > 0 else { return }
        let rate = occupied / Double(capacity)
        observedSeconds += seconds
        occupiedSeconds += occupied * seconds
        capacitySeconds += Double(capacity) * seconds
        if rate >= fullThreshold { aboveThresholdSeconds += seconds }
        secondsByRate[rate, default: 0] += seconds
        largestCapacity = max(largestCapacity ?? capacity, capacity)
        let candidate = OccupancyExtreme(
            rate: rate, occupied: occupied, capacity: capacity,
            at: Date(timeIntervalSinceReferenceDate: start))
        peak = Self.higher(peak, candidate)
        minimum = Self.lower(minimum, candidate)
    }

    mutating func addSample(occupied: Double, capacity: Int) {
        sampleCount += 1
        sampleOccupiedSum += occupied
        sampleRateSum += occupied / Double(capacity)
    }

    mutating func merge(_ other: SummaryAccumulator) {
        windowSeconds += other.windowSeconds
        observedSeconds += other.observedSeconds
        occupiedSeconds += other.occupiedSeconds
        capacitySeconds += other.capacitySeconds
        aboveThresholdSeconds += other.aboveThresholdSeconds
        sampleCount += other.sampleCount
        sampleOccupiedSum += other.sampleOccupiedSum
        sampleRateSum += other.sampleRateSum
        if let theirs = other.peak { peak = Self.higher(peak, theirs) }
        if let theirs = other.minimum { minimum = Self.lower(minimum, theirs) }
        if let theirs = other.largestCapacity { largestCapacity = max(largestCapacity ?? theirs, theirs) }
        secondsByRate.merge(other.secondsByRate, uniquingKeysWith: +)
    }

    /// Ties go to the earlier instant, so the answer does not depend on merge order.
    static func higher(_ current: OccupancyExtreme?, _ candidate: OccupancyExtreme) -> OccupancyExtreme {
        guard let current else { return candidate }
        if candidate.rate != current.rate { return candidate.rate > current.rate ? candidate : current }
        return candidate.at < current.at ? candidate : current
    }

    static func lower(_ current: OccupancyExtreme?, _ candidate: OccupancyExtreme) -> OccupancyExtreme {
        guard let current else { return candidate }
        if candidate.rate != current.rate { return candidate.rate < current.rate ? candidate : current }
        return candidate.at < current.at ? candidate : current
    }
}

extension SummaryAccumulator {
    func summary() -> OccupancySummary {
        let observed = observedSeconds > 0
        let shares = secondsByRate.map { RateShare(rate: $0.key, seconds: $0.value) }
            .sorted { $0.rate < $1.rate }
        return OccupancySummary(
            windowSeconds: windowSeconds,
            observedSeconds: observedSeconds,
            coverage: windowSeconds > 0 ? min(1, observedSeconds / windowSeconds) : 0,
            timeWeightedOccupied: observed ? occupiedSeconds / observedSeconds : nil,
            timeWeightedCapacity: observed ? capacitySeconds / observedSeconds : nil,
            occupancyRate: observed ? occupiedSeconds / capacitySeconds : nil,
            sampleCount: sampleCount,
            sampleMeanOccupied: sampleCount > 0 ? sampleOccupiedSum / Double(sampleCount) : nil,
            sampleMeanRate: sampleCount > 0 ? sampleRateSum / Double(sampleCount) : nil,
            peak: peak, minimum: minimum,
            p50: Self.percentile(0.50, of: shares),
            p85: Self.percentile(0.85, of: shares),
            fullThreshold: fullThreshold,
            hoursAboveThreshold: observed ? aboveThresholdSeconds / 3600 : nil,
            capacity: largestCapacity,
            timeAtRate: shares)
    }

    /// Time-weighted lower percentile: the smallest rate `r` such that the rate was `<= r` for
    /// at least `quantile` of the observed time. The relative slack of 1e-9 keeps an exact tie
    /// (e.g. half the time at each of two rates) from flipping on floating-point rounding.
    static func percentile(_ quantile: Double, of shares: [RateShare]) -> Double? {
        let total = shares.reduce(0) { $0 + $1.seconds }
        guard total > 0 else { return nil }
        let target = quantile * total * (1 - 1e-9)
        var cumulative = 0.0
        for share in shares {
            cumulative += share.seconds
            if cumulative >= target { return share.rate }
        }
        return shares.last?.rate
    }

    /// Rebuilds the totals from a summary, so summaries can be combined.
    init(_ summary: OccupancySummary) {
        self.init(fullThreshold: summary.fullThreshold)
        windowSeconds = summary.windowSeconds
        observedSeconds = summary.observedSeconds
        occupiedSeconds = (summary.timeWeightedOccupied ?? 0) * summary.observedSeconds
        capacitySeconds = (summary.timeWeightedCapacity ?? 0) * summary.observedSeconds
        aboveThresholdSeconds = (summary.hoursAboveThreshold ?? 0) * 3600
        sampleCount = summary.sampleCount
        sampleOccupiedSum = (summary.sampleMeanOccupied ?? 0) * Double(summary.sampleCount)
        sampleRateSum = (summary.sampleMeanRate ?? 0) * Double(summary.sampleCount)
        peak = summary.peak
        minimum = summary.minimum
        largestCapacity = summary.capacity
        for share in summary.timeAtRate { secondsByRate[share.rate, default: 0] += share.seconds }
    }
}
