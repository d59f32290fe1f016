import Foundation
import ParkWatchStore
import PostgresNIO

/// Bookings in the central database: every web node books against the same rows, and the
/// exclusion constraint `booking_no_overlap` decides between two nodes asking at once.
extension CentralDatabase: BookingStore {
    package func book(_ booking: BookingRecord) async throws -> BookingOutcome {
        try await answered { try await insert(booking) }
    }

    package func bookings(matching filter: BookingFilter) async throws -> [BookingRecord] {
        try await answered { try await select(filter) }
    }

    package func booking(id: Int64) async throws -> BookingRecord? {
        try await answered { try await bookingRows("SELECT \(Self.columns) FROM booking WHERE id = $1", binds(id)).first }
    }

    package func cancelBooking(id: Int64, at: Date) async throws -> BookingRecord? {
        try await answered { try await cancel(id: id, at: at) }
    }

    /// `body` within `requestTimeout`, once the schema is there when `migrating` (the reports'
    /// reads leave a database they only read as it is): the client would wait for a connection
    /// for as long as the server is away, and a web request must not. A server that does not
    /// answer is `unreachable` (503 at the web edge); a statement it refuses, `queryRefused`.
    func answered<T: Sendable>(migrating: Bool = true, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await within(requestTimeout) {
                if migrating { try await ensureSchema() }
                return try await body()
            }
        } catch let error as CentralError {
            throw error.isUnavailable ? .unreachable(server: address.shown, reason: await whyUnreachable(error)) : error
        } catch let error as PSQLError where error.serverInfo != nil {
            throw CentralError.queryRefused(reason: CentralError.reason(error))
        } catch {
            throw CentralError.unreachable(server: address.shown, reason: CentralError.reason(error))
        }
    }

    /// Two nodes inserting overlapping bookings at once can wait on each other's insert, and the
    /// server then aborts one with "deadlock detected" instead of the exclusion violation (an
    /// exclusion constraint checks after inserting, unlike a unique index). The other has then
    /// finished, so the insert is tried again: it meets the booking that won, or stands.
    private func insert(_ booking: BookingRecord, attempt: Int = 1) async throws -> BookingOutcome {
        let values = try binds(booking.lot, booking.space, booking.startsAt, booking.endsAt, booking.holder, booking.createdAt)
        do {
            for try await id in try await query("""
                INSERT INTO booking (lot, space, starts_at, ends_at, holder, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """, values).decode(Int64.self) {
                var stored = booking
                stored.id = id
                return .booked(stored)
            }
            throw CentralError.writeFailed(reason: "the booking was stored without an id")
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.exclusionViolation {
            return .overlaps(try await select(BookingFilter(lot: booking.lot, space: booking.space, from: booking.startsAt, to: booking.endsAt)))
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.deadlockDetected && attempt < Self.insertAttempts {
            return try await insert(booking, attempt: attempt + 1)
        }
    }

    private func select(_ filter: BookingFilter) async throws -> [BookingRecord] {
        var clause = WhereClause()
        if !filter.includeCancelled { clause.add("cancelled_at IS NULL") }
        if let lot = filter.lot { try clause.add("lot = ?", lot) }
        if let space = filter.space { try clause.add("space = ?", space) }
        if let from = filter.from { try clause.add("ends_at > ?", from) }
        if let to = filter.to { try clause.add("starts_at < ?", to) }
        return try await bookingRows("SELECT \(Self.columns) FROM booking WHERE \(clause.sql) ORDER BY starts_at, id", clause.values)
    }

    private func cancel(id: Int64, at: Date) async throws -> BookingRecord? {
        try await bookingRows("""
            WITH cancelled AS (UPDATE booking SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL RETURNING id)
            SELECT \(Self.columns) FROM booking WHERE id = $1
            """, binds(id, at)).first.map { row in
            // The statement's snapshot predates its own update: the row read back lacks the new time.
            var row = row
            row.cancelledAt = row.cancelledAt ?? at
            return row
        }
    }

    private func bookingRows(_ sql: String, _ values: PostgresBindings) async throws -> [BookingRecord] {
        var rows: [BookingRecord] = []
        for try await (id, lot, space, startsAt, endsAt, holder, createdAt, cancelledAt) in try await query(sql, values)
            .decode((Int64, String, String, Date, Date, String, Date, Date?).self) {
            rows.append(BookingRecord(
                id: id, lot: lot, space: space, startsAt: startsAt, endsAt: endsAt, holder: holder, createdAt: createdAt, cancelledAt: cancelledAt))
        }
        return rows
    }

    static let columns = "id, lot, space, starts_at, ends_at, holder, created_at, cancelled_at"
    /// SQLSTATE of a row an exclusion constraint refused.
    static let exclusionViolation = "23P01"
    /// SQLSTATE of a statement the server aborted to break a deadlock.
    static let deadlockDetected = "40P01"
    /// A deadlock between two inserts leaves one winner, so a second attempt meets it; a third
    /// covers a third node.
    static let insertAttempts = 3
}
