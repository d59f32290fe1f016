import Foundation

/// Calendar bucket length, in the window's time zone.
package enum BucketSize: String, Sendable, Codable, CaseIterable {
    /// A local clock hour (a fall-back day has two buckets labelled 02:00).
    case hour
    /// A local calendar day: 23 h on a spring-forward day, 25 h on a fall-back day.
    case day
    /// An ISO-8601 week, Monday 00:00 to Monday 00:00 local time.
    case week
}

/// Figures for one calendar bucket.
package struct BucketSummary: Sendable, Equatable, Codable {
    /// The calendar bucket's bounds, even where the window cuts it.
    package var start: Date
    package var end: Date
    /// True when the window covers only part of the bucket; the figures then describe that part
    /// (`summary.windowSeconds` is its length).
    package var isPartial: Bool
    package var summary: OccupancySummary

    package init(start: Date, end: Date, isPartial: Bool, summary: OccupancySummary) {
        self.start = start
        self.end = end
        self.isPartial = isPartial
        self.summary = summary
    }
}

/// How a profile folds the window onto a typical day or week.
package enum ProfileKind: String, Sendable, Codable, CaseIterable {
    /// Slots 0…23, local clock hours.
    case hourOfDay
    /// Slots 1…7, ISO weekdays in local time: 1 = Monday, 7 = Sunday.
    case dayOfWeek
    /// Slots 0…167, each hour of a typical week in local time: (ISO weekday − 1) × 24 + hour,
    /// so 0 is Monday 00:00–01:00 and 167 Sunday 23:00–24:00.
    case hourOfWeek
}

/// Figures over all observed time in one slot (e.g. every 08:00–09:00) across the window.
package struct ProfileEntry: Sendable, Equatable, Codable {
    package var kind: ProfileKind
    package var slot: Int
    package var summary: OccupancySummary

    package init(kind: ProfileKind, slot: Int, summary: OccupancySummary) {
        self.kind = kind
        self.slot = slot
        self.summary = summary
    }
}
