import Foundation

/// Occupancy analytics over a time window: pure functions on values. Definitions: docs/analytics.md.
///
/// Functions taking `[OccupancyReading]` group them by camera first: readings of one camera give
/// that camera's figures; readings of several cameras give the lot (or zone) they cover together.
package enum OccupancyAnalytics {
    /// Figures of the cameras in `readings` (normally one camera) over the window.
    package static func summary(_ readings: [OccupancyReading], window: AnalyticsWindow) -> OccupancySummary {
        lotSummary(byCamera(readings), window: window)
    }

    /// Figures of a lot or zone covered by several cameras; the lot is observed only while every
    /// camera in the dictionary is observed, and then occupied spaces and capacity add up.
    package static func lotSummary(
        _ readingsByCamera: [String: [OccupancyReading]], window: AnalyticsWindow
    ) -> OccupancySummary {
        accumulate(readingsByCamera, window: window, over: .whole(window))[0].summary()
    }

    /// Figures per local calendar bucket that meets the window, in time order.
    package static func buckets(
        _ readingsByCamera: [String: [OccupancyReading]], window: AnalyticsWindow, size: BucketSize
    ) -> [BucketSummary] {
        let units = CalendarPartition.units(CalendarPartition.component(of: size), in: window)
        let slots = accumulate(readingsByCamera, window: window, over: CalendarPartition.bucketPartition(units, window: window))
        return zip(units, slots).map { unit, accumulator in
            let isPartial = unit.start < window.from || unit.end > window.to
            return BucketSummary(start: unit.start, end: unit.end, isPartial: isPartial, summary: accumulator.summary())
        }
    }

    package static func buckets(
        _ readings: [OccupancyReading], window: AnalyticsWindow, size: BucketSize
    ) -> [BucketSummary] {
        buckets(byCamera(readings), window: window, size: size)
    }

    /// Figures per hour of day (24 entries) or ISO weekday (7 entries) over the window's
    /// observed time in that slot; slots the window never reaches have `windowSeconds` 0.
    package static func profile(
        _ readingsByCamera: [String: [OccupancyReading]], window: AnalyticsWindow, by kind: ProfileKind
    ) -> [ProfileEntry] {
        let partition = CalendarPartition.profilePartition(kind, window: window)
        let slots = accumulate(readingsByCamera, window: window, over: partition)
        return slots.enumerated().map { slot, accumulator in
            ProfileEntry(kind: kind, slot: CalendarPartition.label(ofSlot: slot, kind: kind), summary: accumulator.summary())
        }
    }

    package static func profile(
        _ readings: [OccupancyReading], window: AnalyticsWindow, by kind: ProfileKind
    ) -> [ProfileEntry] {
        profile(byCamera(readings), window: window, by: kind)
    }

    /// The summary of the union of disjoint intervals; see `OccupancySummary.combining`.
    package static func combine(_ parts: [OccupancySummary]) -> OccupancySummary {
        OccupancySummary.combining(parts)
    }

    /// Readings grouped by camera; all-one-camera input (the usual case) is not copied.
    package static func byCamera(_ readings: [OccupancyReading]) -> [String: [OccupancyReading]] {
        guard let camera = readings.first?.camera else { return [:] }
        if readings.allSatisfy({ $0.camera == camera }) { return [camera: readings] }
        return Dictionary(grouping: readings, by: \.camera)
    }

    static func accumulate(
        _ readingsByCamera: [String: [OccupancyReading]], window: AnalyticsWindow, over partition: Partition
    ) -> [SummaryAccumulator] {
        var sink = PartitionedAccumulator(partition, fullThreshold: window.fullThreshold)
        LotSweep.run(readingsByCamera, window: window, into: &sink)
        return sink.slots
    }
}
