import Foundation
import ParkWatchStore

/// A booking as asked for, by the API (JSON) or by the booking page (form): times as text.
struct BookingRequest: Decodable, Sendable {
    var lot: String
    var space: String
    var start: String
    var end: String
    var holder: String
}

/// Turns a request into a booking to store, or says why not. The same rules for API and page.
struct BookingRules: Sendable {
    let directory: LotDirectory
    /// How `datetime-local` values and other times without a zone are read.
    let timeZone: TimeZone

    static let longest: TimeInterval = 31 * 86_400
    static let furthestAhead: TimeInterval = 366 * 86_400
    static let holderLength = 1...80

    /// Unknown lot or space: `notFound`. Unreadable times, an end not after the start, a range
    /// that is already over, or an absurd one: `badRequest`. A start in the past means "from now".
    func booking(from request: BookingRequest, now: Date) async throws -> BookingRecord {
        let start = try instant(request.start, name: "start")
        let end = try instant(request.end, name: "end")
        let holder = try self.holder(request.holder)
        let lot = try await directory.lot(request.lot)
        guard lot.spaceIDs.contains(request.space) else {
            throw WebError.notFound("lot '\(lot.id)' has no space '\(request.space)'")
        }
        guard end > start else { throw WebError.badRequest("the end must be after the start") }
        guard end > now else { throw WebError.badRequest("that time range is in the past") }
        guard end.timeIntervalSince(start) <= Self.longest else { throw WebError.badRequest("a booking lasts at most 31 days") }
        guard start.timeIntervalSince(now) <= Self.furthestAhead else {
            throw WebError.badRequest("bookings open at most a year ahead")
        }
        return BookingRecord(
            lot: lot.id, space: request.space, startsAt: max(start, now), endsAt: end, holder: holder, createdAt: now)
    }

    private func instant(_ text: String, name: String) throws -> Date {
        guard let date = ISOTime.parse(text.trimmingCharacters(in: .whitespaces), timeZone: timeZone) else {
            throw WebError.badRequest("'\(name)' is not a time like 2026-05-01T14:30 (or with Z / +01:00)")
        }
        return date
    }

    private func holder(_ text: String) throws -> String {
        let holder = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.holderLength.contains(holder.count), !holder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw WebError.badRequest("say who the space is for (1 to 80 characters)")
        }
        return holder
    }

    /// The answer to an overlap, naming the booking in the way.
    static func conflict(_ clashes: [BookingRecord], timeZone: TimeZone) -> WebError {
        guard let first = clashes.first else { return .conflict("that space is already booked then") }
        let format = TimeText(timeZone: timeZone)
        return .conflict("space \(first.space) is already booked from \(format.dayAndTime(first.startsAt)) to \(format.dayAndTime(first.endsAt))")
    }
}
