import Foundation
import GRDB

/// One stored count at one instant: the light rows the occupancy report reads by the million.
package struct CountAt: Sendable, Equatable {
    package var at: Date
    package var count: Int
    /// Spaces in the layout for a space reading; nil for a vehicle count.
    package var total: Int?

    package init(at: Date, count: Int, total: Int?) {
        self.at = at
        self.count = count
        self.total = total
    }
}

/// One confirmed state change of one space, as the report reads it.
package struct SpaceStateAt: Sendable, Equatable {
    package var space: String
    package var at: Date
    package var state: String

    package init(space: String, at: Date, state: String) {
        self.space = space
        self.at = at
        self.state = state
    }
}

/// What the analytics read: only the columns they need, from covering indexes (migration v5),
/// stepped row by row, oldest first.
extension ParkWatchDatabase {
    /// Occupied spaces and layout size of each photo of `camera` in `[from, to)`.
    package func occupiedCounts(camera: String, from: Date, to: Date) async throws(StoreError) -> [CountAt] {
        try await read { db in
            var counts: [CountAt] = []
            try db.scan("""
                SELECT captured_at, occupied, total FROM space_reading
                WHERE camera = ? AND captured_at >= ? AND captured_at < ? ORDER BY captured_at, photo_id
                """, arguments: [camera, from, to]) { row in
                counts.append(CountAt(at: try Self.date(row, 0), count: row.int(1), total: row.int(2)))
            }
            return counts
        }
    }

    /// Vehicle counts of the counted photos of `camera` in `[from, to)`.
    package func vehicleCounts(camera: String, from: Date, to: Date) async throws(StoreError) -> [CountAt] {
        try await read { db in
            var counts: [CountAt] = []
            try db.scan("""
                SELECT captured_at, vehicles FROM photo
                WHERE camera = ? AND status = 'ok' AND captured_at >= ? AND captured_at < ? AND vehicles IS NOT NULL
                ORDER BY captured_at, id
                """, arguments: [camera, from, to]) { row in
                counts.append(CountAt(at: try Self.date(row, 0), count: row.int(1), total: nil))
            }
            return counts
        }
    }

    /// Confirmed state changes of `camera` in `[from, to)`, plus each space's last change before
    /// `from` (the state it enters the window with), ordered by space then time.
    package func spaceChanges(camera: String, from: Date, to: Date) async throws(StoreError) -> [SpaceStateAt] {
        try await read { db in
            var changes: [SpaceStateAt] = []
            try db.scan(Self.spaceChangesSQL, arguments: ["camera": camera, "from": from, "to": to]) { row in
                changes.append(SpaceStateAt(space: row.string(0), at: try Self.date(row, 1), state: row.string(2)))
            }
            return changes
        }
    }

    /// Each space's newest change before the window, then its changes in it: index seeks per
    /// space (`space_change_by_space`, the spaces listed by a skip scan), so a window late in a
    /// long history does not read the history before it.
    static let spaceChangesSQL = """
        WITH RECURSIVE spaces(space) AS (
            SELECT MIN(space) FROM space_change WHERE camera = :camera
            UNION ALL
            SELECT (SELECT MIN(space) FROM space_change WHERE camera = :camera AND space > spaces.space)
            FROM spaces WHERE spaces.space IS NOT NULL)
        SELECT space, at, state FROM (
            SELECT c.space, c.at, c.state, c.id FROM spaces s JOIN space_change c ON c.id = (
                SELECT p.id FROM space_change p WHERE p.camera = :camera AND p.space = s.space AND p.at < :from
                ORDER BY p.at DESC, p.id DESC LIMIT 1)
            UNION ALL
            SELECT c.space, c.at, c.state, c.id FROM spaces s JOIN space_change c
                ON c.camera = :camera AND c.space = s.space AND c.at >= :from AND c.at < :to)
        ORDER BY space, at, id
        """

    private static func date(_ row: ScannedRow, _ column: Int32) throws -> Date {
        guard let date = row.date(column) else { throw StoreError.database(reason: "a stored time is not a date") }
        return date
    }
}
