import Foundation
import GRDB

/// One stored count at one instant: the light rows the occupancy report reads by the million.
public struct CountAt: Sendable, Equatable {
    public var at: Date
    public var count: Int
    /// Spaces in the layout for a space reading; nil for a vehicle count.
    public var total: Int?
}

/// What the analytics read: only the columns they need, through cursors, oldest first.
extension ParkWatchDatabase {
    /// Occupied spaces and layout size of each photo of `camera` in `[from, to)`.
    public func occupiedCounts(camera: String, from: Date, to: Date) async throws(StoreError) -> [CountAt] {
        try await read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT captured_at, occupied, total FROM space_reading
                WHERE camera = ? AND captured_at >= ? AND captured_at < ? ORDER BY captured_at, photo_id
                """, arguments: [camera, from, to])
            var counts: [CountAt] = []
            while let row = try rows.next() { counts.append(CountAt(at: row[0], count: row[1], total: row[2])) }
            return counts
        }
    }

    /// Vehicle counts of the counted photos of `camera` in `[from, to)`.
    public func vehicleCounts(camera: String, from: Date, to: Date) async throws(StoreError) -> [CountAt] {
        try await read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT captured_at, vehicles FROM photo
                WHERE camera = ? AND status = 'ok' AND vehicles IS NOT NULL AND captured_at >= ? AND captured_at < ?
                ORDER BY captured_at, id
                """, arguments: [camera, from, to])
            var counts: [CountAt] = []
            while let row = try rows.next() { counts.append(CountAt(at: row[0], count: row[1], total: nil)) }
            return counts
        }
    }

    /// Confirmed state changes of `camera` in `[from, to)`, plus each space's last change before
    /// `from` (the state it enters the window with), ordered by space then time.
    public func spaceChanges(camera: String, from: Date, to: Date) async throws(StoreError) -> [SpaceChangeRecord] {
        try await read { db in
            try SpaceChangeRecord.fetchAll(db, sql: """
                SELECT * FROM space_change c WHERE camera = ? AND at < ? AND (at >= ? OR at = (
                    SELECT MAX(at) FROM space_change p WHERE p.camera = c.camera AND p.space = c.space AND p.at < ?))
                ORDER BY space, at, id
                """, arguments: [camera, to, from, from])
        }
    }
}
