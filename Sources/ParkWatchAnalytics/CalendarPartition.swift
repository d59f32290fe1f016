import Foundation

/// Builds partitions from local calendar units (hours, days, ISO weeks) in the window's zone.
enum CalendarPartition {
    static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2  // Monday
        calendar.minimumDaysInFirstWeek = 4  // ISO-8601 week numbering
        return calendar
    }

    /// The local calendar units that meet the window, in order, with their full bounds.
    /// Foundation's calendar handles DST: a local day is 23 or 25 hours where the clocks change.
    static func units(_ component: Calendar.Component, in window: AnalyticsWindow) -> [DateInterval] {
        let calendar = calendar(in: window.timeZone)
        let end = Date(timeIntervalSinceReferenceDate: window.end)
        var cursor = Date(timeIntervalSinceReferenceDate: window.start)
        var units: [DateInterval] = []
        while cursor < end {
            guard let unit = calendar.dateInterval(of: component, for: cursor), unit.end > cursor else {
                // Not expected from Foundation; keep the rest of the window as one unit, not a hang.
                units.append(DateInterval(start: cursor, end: end))
                break
            }
            units.append(unit)
            cursor = unit.end
        }
        return units
    }

    /// The window cut at the units' ends, interval `i` credited to `slots[i]`.
    static func partition(
        _ units: [DateInterval], window: AnalyticsWindow, slots: [Int], slotCount: Int
    ) -> Partition {
        var boundaries = [window.start]
        for unit in units {
            boundaries.append(min(unit.end.timeIntervalSinceReferenceDate, window.end))
        }
        return Partition(boundaries: boundaries, slotOfInterval: slots, slotCount: slotCount)
    }

    /// Each unit its own slot.
    static func bucketPartition(_ units: [DateInterval], window: AnalyticsWindow) -> Partition {
        partition(units, window: window, slots: Array(units.indices), slotCount: units.count)
    }

    static func component(of size: BucketSize) -> Calendar.Component {
        switch size {
        case .hour: .hour
        case .day: .day
        case .week: .weekOfYear
        }
    }

    static func profilePartition(_ kind: ProfileKind, window: AnalyticsWindow) -> Partition {
        let calendar = calendar(in: window.timeZone)
        switch kind {
        case .hourOfDay:
            let hours = units(.hour, in: window)
            let slots = hours.map { calendar.component(.hour, from: $0.start) }
            return partition(hours, window: window, slots: slots, slotCount: 24)
        case .dayOfWeek:
            let days = units(.day, in: window)
            let slots = days.map { isoWeekday(calendar.component(.weekday, from: $0.start)) - 1 }
            return partition(days, window: window, slots: slots, slotCount: 7)
        case .hourOfWeek:
            let hours = units(.hour, in: window)
            let slots = hours.map {
                (isoWeekday(calendar.component(.weekday, from: $0.start)) - 1) * 24 + calendar.component(.hour, from: $0.start)
            }
            return partition(hours, window: window, slots: slots, slotCount: 168)
        }
    }

    /// Foundation numbers weekdays from Sunday = 1; ISO-8601 from Monday = 1.
    static func isoWeekday(_ foundationWeekday: Int) -> Int {
        (foundationWeekday + 5) % 7 + 1
    }

    /// Slot index (0-based) to the number shown in a profile entry.
    static func label(ofSlot slot: Int, kind: ProfileKind) -> Int {
        kind == .dayOfWeek ? slot + 1 : slot
    }
}
