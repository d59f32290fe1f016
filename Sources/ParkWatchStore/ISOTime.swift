import Foundation

/// Timestamps as people type them on a command line or in a URL, and as ParkWatch prints them.
package enum ISOTime {
    /// Accepts `2013-02-22`, `2013-02-22T06:25`, `2013-02-22T06:25:00`, with an optional
    /// fraction and `Z` or `±HH:MM`. A time without a zone is read in `timeZone`.
    package static func parse(_ text: String, timeZone: TimeZone = .gmt) -> Date? {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        var parts = DateComponents()
        parts.year = Int(match.1)
        parts.month = Int(match.2)
        parts.day = Int(match.3)
        parts.hour = match.4.flatMap { Int($0) } ?? 0
        parts.minute = match.5.flatMap { Int($0) } ?? 0
        parts.second = match.6.flatMap { Int($0) } ?? 0
        let zone = match.8.flatMap { zoneFrom(String($0)) } ?? timeZone
        guard isValid(parts), let date = calendar(zone).date(from: parts) else { return nil }
        let fraction = match.7.flatMap { Double("0." + $0) } ?? 0
        return date.addingTimeInterval(fraction)
    }

    /// `2013-02-22T06:25:00Z` (with milliseconds only when there are some).
    package static func format(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: hasFraction(date), timeZone: .gmt)
        return date.formatted(style)
    }

    private static func hasFraction(_ date: Date) -> Bool {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        return millis.truncatingRemainder(dividingBy: 1000) != 0
    }

    private static func zoneFrom(_ text: String) -> TimeZone? {
        if text == "Z" { return .gmt }
        let digits = text.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
              hours < 24, minutes < 60 else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (text.hasPrefix("-") ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }

    private static func isValid(_ parts: DateComponents) -> Bool {
        guard let month = parts.month, (1...12).contains(month), let day = parts.day, day >= 1,
              let hour = parts.hour, hour < 24, let minute = parts.minute, minute < 60,
              let second = parts.second, second < 61 else { return false }
        let probe = DateComponents(year: parts.year, month: month)
        let days = calendar(.gmt).range(of: .day, in: .month, for: calendar(.gmt).date(from: probe)!)
        return day <= (days?.count ?? 31)
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
