import Foundation
import GRDB

/// A reservation of one parking space for `[startsAt, endsAt)`. Cancelling keeps the row
/// (`cancelledAt` set) so the history of who held a space stays answerable.
package struct BookingRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "booking"

    package var id: Int64?
    package var lot: String
    package var space: String
    package var startsAt: Date
    package var endsAt: Date
    /// Who the space is held for (a name or a plate), as typed.
    package var holder: String
    package var createdAt: Date
    package var cancelledAt: Date?

    package init(
        id: Int64? = nil, lot: String, space: String, startsAt: Date, endsAt: Date, holder: String,
        createdAt: Date, cancelledAt: Date? = nil
    ) {
        self.id = id
        self.lot = lot
        self.space = space
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.holder = holder
        self.createdAt = createdAt
        self.cancelledAt = cancelledAt
    }

    /// Whether the booking holds its space at `instant` (half-open: the end instant is free again).
    package func covers(_ instant: Date) -> Bool {
        cancelledAt == nil && startsAt <= instant && instant < endsAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What asking for a booking gave: the stored booking, or the live bookings it would overlap.
/// An overlap is an expected answer, not a failure of the store, so it is a value here.
package enum BookingOutcome: Sendable, Equatable {
    case booked(BookingRecord)
    case overlaps([BookingRecord])
}

/// Which bookings a listing is about; every field narrows it. `from`/`to` keep bookings that
/// overlap that window.
package struct BookingFilter: Sendable, Equatable {
    package var lot: String?
    package var space: String?
    package var from: Date?
    package var to: Date?
    package var includeCancelled: Bool

    package init(lot: String? = nil, space: String? = nil, from: Date? = nil, to: Date? = nil, includeCancelled: Bool = false) {
        self.lot = lot
        self.space = space
        self.from = from
        self.to = to
        self.includeCancelled = includeCancelled
    }
}
