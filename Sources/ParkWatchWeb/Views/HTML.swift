import Foundation

/// Text placed into HTML. Every value that did not come from a string literal goes through `h`.
func h(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        default: escaped.append(character)
        }
    }
    return escaped
}

/// A path segment for a link (lot and space ids are ours, but may hold characters URLs reserve).
func urlSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
}

/// Times as the pages show them, in the app's zone.
struct TimeText: Sendable {
    let timeZone: TimeZone

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    private func parts(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
    }

    private func two(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }

    /// `14:05`
    func clock(_ date: Date) -> String {
        let p = parts(date)
        return "\(two(p.hour)):\(two(p.minute))"
    }

    /// `Fri 22 Feb 2013, 06:25`
    func dayAndTime(_ date: Date) -> String {
        let p = parts(date)
        let weekday = Self.weekdays[((p.weekday ?? 1) - 1) % 7]
        let month = Self.months[((p.month ?? 1) - 1) % 12]
        return "\(weekday) \(p.day ?? 1) \(month) \(p.year ?? 0), \(clock(date))"
    }

    /// `14:05` today, else the day and time.
    func short(_ date: Date, now: Date) -> String {
        let (a, b) = (parts(date), parts(now))
        return a.year == b.year && a.month == b.month && a.day == b.day ? clock(date) : dayAndTime(date)
    }

    /// `just now`, `5 min ago`, `3 h ago`, `12 days ago`.
    func relative(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(Int(seconds / 60)) min ago"
        case ..<(2 * 86_400): return "\(Int(seconds / 3600)) h ago"
        default: return "\(Int(seconds / 86_400)) days ago"
        }
    }

    /// The value of an `<input type="datetime-local">`: `2026-05-01T14:30`.
    func inputValue(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year ?? 0)-\(two(p.month))-\(two(p.day))T\(clock(date))"
    }
}
