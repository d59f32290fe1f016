import Foundation
import ParkWatchStore

/// A booking as the API shows it: `{"id","lot","space","start","end","holder","created_at","cancelled_at"}`.
struct BookingJSON: Encodable, Sendable, Equatable {
    var id: Int64
    var lot: String
    var space: String
    var start: Date
    var end: Date
    var holder: String
    var createdAt: Date
    @Nullable var cancelledAt: Date?

    init(_ record: BookingRecord) {
        id = record.id ?? 0
        lot = record.lot
        space = record.space
        start = record.startsAt
        end = record.endsAt
        holder = record.holder
        createdAt = record.createdAt
        cancelledAt = record.cancelledAt
    }
}
