import Foundation
import ParkWatchAnalytics

/// What `/history` and `/api/history` are asked for: a lot or a camera, and a window, a preset
/// (`today`, `7d`, `30d`) or `custom` whole local days `from`…`to` (both included, `YYYY-MM-DD`).
struct HistoryQuery: Sendable, Equatable {
    enum Subject: Sendable, Equatable {
        case lot(String)
        case camera(String)
    }

    enum Range: String, Sendable, CaseIterable {
        case today, week = "7d", month = "30d", custom
    }

    var subject: Subject? = nil
    var range: Range
    var window: AnalyticsWindow
    /// Hours up to a month, days beyond: a line of at most about 700 points.
    var bucket: BucketSize

    /// The longest custom window: a year, whose report the analytics serve within seconds.
    static let longestDays = 366

    init(_ query: Query, now: Date, timeZone: TimeZone) throws(WebError) {
        if query["lot"] != nil && query["camera"] != nil { throw .badRequest("give lot or camera, not both") }
        if let lot = query["lot"] {
            subject = .lot(lot)
        } else if let camera = query["camera"] {
            subject = .camera(camera)
        } else if let picked = query["subject"] {
            subject = try Self.subject(picked)
        }
        guard let range = Range(rawValue: query["range"] ?? "7d") else {
            throw .badRequest("range must be one of \(Range.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.range = range
        let (from, to) = try Self.bounds(range, query: query, now: now, calendar: Self.calendar(timeZone))
        window = AnalyticsWindow(from: from, to: to, timeZone: timeZone)
        bucket = to.timeIntervalSince(from) > 31 * 86_400 ? .day : .hour
    }

    /// The page's picker sends `subject=lot:north` or `subject=camera:cam1`.
    private static func subject(_ text: String) throws(WebError) -> Subject {
        if text.hasPrefix("lot:") { return .lot(String(text.dropFirst(4))) }
        if text.hasPrefix("camera:") { return .camera(String(text.dropFirst(7))) }
        throw .badRequest("subject must be lot:ID or camera:ID")
    }

    private static func bounds(_ range: Range, query: Query, now: Date, calendar: Calendar) throws(WebError) -> (Date, Date) {
        switch range {
        case .today: return (calendar.startOfDay(for: now), now)
        case .week: return (now - 7 * 86_400, now)
        case .month: return (now - 30 * 86_400, now)
        case .custom:
            let from = try day(query["from"], name: "from", calendar: calendar)
            let last = try day(query["to"], name: "to", calendar: calendar)
            guard last >= from else { throw .badRequest("'to' must not be before 'from'") }
            guard let to = calendar.date(byAdding: .day, value: 1, to: last) else { throw .badRequest("'to' is out of range") }
            guard to.timeIntervalSince(from) <= Double(longestDays) * 86_400 + 3_600 else {
                throw .badRequest("a custom window is at most \(longestDays) days")
            }
            return (from, to)
        }
    }

    private static func day(_ text: String?, name: String, calendar: Calendar) throws(WebError) -> Date {
        let parts = text?.split(separator: "-").compactMap { Int($0) } ?? []
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.component(.day, from: date) == parts[2] else {
            throw .badRequest("'\(name)' must be a date such as 2026-05-01 (range=custom needs from and to)")
        }
        return date
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The query string that asks for the same thing, for links and downloads.
    func parameters(extra: [String: String] = [:]) -> String {
        var pairs: [(String, String)] = []
        switch subject {
        case .lot(let id): pairs.append(("lot", id))
        case .camera(let id): pairs.append(("camera", id))
        case nil: break
        }
        pairs.append(("range", range.rawValue))
        if range == .custom {
            let calendar = Self.calendar(window.timeZone)
            pairs.append(("from", Self.dayText(window.from, calendar)))
            pairs.append(("to", Self.dayText(window.to - 1, calendar)))
        }
        pairs += extra.sorted { $0.key < $1.key }
        return pairs.map { "\($0.0)=\(urlSegment($0.1))" }.joined(separator: "&")
    }

    static func dayText(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
