import Foundation
import GRDB

extension ParkWatchDatabase {
    /// Stores `booking` unless a live booking of the same space overlaps it.
    ///
    /// The look and the insert run in one write transaction, and GRDB opens write transactions
    /// IMMEDIATE: the write lock is held from the look on, so two requests (or two processes)
    /// cannot both see the space free. The `booking_no_overlap` trigger refuses an overlapping
    /// row even from code that skips this function.
    package func book(_ booking: BookingRecord) async throws(StoreError) -> BookingOutcome {
        try await write { db in
            let clashes = try Self.overlapping(booking, db)
            guard clashes.isEmpty else { return .overlaps(clashes) }
            var row = booking
            do { try row.insert(db) } catch let error as DatabaseError where error.message == Self.overlapMessage {
                return .overlaps(try Self.overlapping(booking, db))
            }
            return .booked(row)
        }
    }

    /// Live bookings, earliest start first.
    package func bookings(matching filter: BookingFilter) async throws(StoreError) -> [BookingRecord] {
        try await read { db in
            var request = BookingRecord.all()
            if !filter.includeCancelled { request = request.filter(sql: "cancelled_at IS NULL") }
            if let lot = filter.lot { request = request.filter(sql: "lot = ?", arguments: [lot]) }
            if let space = filter.space { request = request.filter(sql: "space = ?", arguments: [space]) }
            if let from = filter.from { request = request.filter(sql: "ends_at > ?", arguments: [from]) }
            if let to = filter.to { request = request.filter(sql: "starts_at < ?", arguments: [to]) }
            return try request.order(sql: "starts_at, id").fetchAll(db)
        }
    }

    package func booking(id: Int64) async throws(StoreError) -> BookingRecord? {
        try await read { db in try BookingRecord.fetchOne(db, key: id) }
    }

    /// Marks a booking cancelled at `at`; cancelling twice keeps the first time. nil: no such booking.
    package func cancelBooking(id: Int64, at: Date) async throws(StoreError) -> BookingRecord? {
        try await write { db in
            try db.execute(
                sql: "UPDATE booking SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL", arguments: [at, id])
            return try BookingRecord.fetchOne(db, key: id)
        }
    }

    /// The message of the trigger's RAISE, recognised to tell an overlap from other failures.
    static let overlapMessage = "booking_overlap"

    private static func overlapping(_ booking: BookingRecord, _ db: Database) throws -> [BookingRecord] {
        try BookingRecord
            .filter(sql: "lot = ? AND space = ? AND cancelled_at IS NULL AND starts_at < ? AND ends_at > ?",
                    arguments: [booking.lot, booking.space, booking.endsAt, booking.startsAt])
            .order(sql: "starts_at")
            .fetchAll(db)
    }
}
