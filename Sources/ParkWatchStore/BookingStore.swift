import Foundation

/// Where bookings live: this node's SQLite file, or the central database when sites share one, so
/// that web nodes of every site book against the same rows.
package protocol BookingStore: Sendable {
    /// Stores `booking` unless a live booking of the same space overlaps it; the store itself
    /// refuses the overlap, so two writers can never both win.
    func book(_ booking: BookingRecord) async throws -> BookingOutcome
    /// Bookings matching `filter`, earliest start first.
    func bookings(matching filter: BookingFilter) async throws -> [BookingRecord]
    func booking(id: Int64) async throws -> BookingRecord?
    /// Marks a booking cancelled at `at`; cancelling twice keeps the first time. nil: no such booking.
    func cancelBooking(id: Int64, at: Date) async throws -> BookingRecord?
}

extension ParkWatchDatabase: BookingStore {}

/// An error of a store that is away for now (a database server that does not answer): the web
/// edge answers 503 Service Unavailable, and the same request may succeed later.
package protocol StoreUnavailable: Error, CustomStringConvertible {
    var isUnavailable: Bool { get }
}
