import Foundation
import GRDB

/// A reservation of one parking space for `[startsAt, endsAt)`. Cancelling keeps the row
/// (`cancelledAt` set) so the history of who held a space stays answerable.
public struct BookingRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "booking"

    public var id: Int64?
    public var lot: String
    public var space: String
    public var startsAt: Date
    public var endsAt: Date
    /// Who the space is held for (a name or a plate), as typed.
    public var holder: String
    public var createdAt: Date
    public var cancelledAt: Date?

    public init(
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
    public func covers(_ instant: Date) -> Bool {
        cancelledAt == nil && startsAt <= instant && instant < endsAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What asking for a booking gave: the stored booking, or the live bookings it would overlap.
/// An overlap is an expected answer, not a failure of the store, so it is a value here.
public enum BookingOutcome: Sendable, Equatable {
    case booked(BookingRecord)
    case overlaps([BookingRecord])
}

/// Which bookings a listing is about; every field narrows it. `from`/`to` keep bookings that
/// overlap that window.
public struct BookingFilter: Sendable, Equatable {
    public var lot: String?
    public var space: String?
    public var from: Date?
    public var to: Date?
    public var includeCancelled: Bool

    public init(lot: String? = nil, space: String? = nil, from: Date? = nil, to: Date? = nil, includeCancelled: Bool = false) {
        self.lot = lot
        self.space = space
        self.from = from
        self.to = to
        self.includeCancelled = includeCancelled
    }
}
