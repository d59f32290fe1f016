import Foundation
import GRDB

/// What a node forwards to the central database. SQLite builds each table's rows as JSON itself
/// (`json_group_array`), so a batch costs one statement per table and no record decoding.
extension ParkWatchDatabase {
    /// The cursor stored for `target`, or a fresh one at the beginning.
    package func centralCursor(target: String) async throws(StoreError) -> CentralCursorRecord {
        try await read { db in try CentralCursorRecord.fetchOne(db, key: target) ?? CentralCursorRecord(target: target) }
    }

    package func saveCentralCursor(_ cursor: CentralCursorRecord) async throws(StoreError) {
        try await write { db in try cursor.upsert(db) }
    }

    /// Up to `limit` photos past the cursor with their readings, up to four times as many space
    /// changes, new layouts and changed camera health, read in one transaction so they agree.
    package func forwardBatch(after cursor: CentralCursorRecord, limit: Int) async throws(StoreError) -> ForwardBatch {
        try await read { db in
            var batch = ForwardBatch(next: cursor)
            let upper = try Self.forwardablePhotoBound(after: cursor.photoId, limit: limit, db) ?? cursor.photoId
            (batch.layouts, batch.layoutCount, batch.next.layoutId) = try Self.jsonRows(
                Self.layoutColumns, from: "layout WHERE id > ?", arguments: [cursor.layoutId], key: "id", db)
            (batch.photos, batch.photoCount, batch.next.photoId) = try Self.jsonRows(
                Self.photoColumns, from: "photo WHERE id > ? AND id <= ?", arguments: [cursor.photoId, upper], key: "id", db)
            (batch.readings, _, _) = try Self.jsonRows(
                Self.readingColumns, from: "space_reading WHERE photo_id > ? AND photo_id <= ?",
                arguments: [cursor.photoId, upper], key: "photo_id", db)
            // Changes go by their own id: they need not follow the photos' order.
            (batch.changes, batch.changeCount, batch.next.changeId) = try Self.jsonRows(
                Self.changeColumns, from: "(SELECT * FROM space_change WHERE id > ? ORDER BY id LIMIT ?)", arguments: [cursor.changeId, limit * 4], key: "id", db)
            try Self.addHealth(to: &batch, after: cursor.healthUpdatedAt, db)
            // An empty table's largest key reads 0: the cursor never moves back.
            batch.next.photoId = max(batch.next.photoId, cursor.photoId)
            batch.next.layoutId = max(batch.next.layoutId, cursor.layoutId)
            batch.next.changeId = max(batch.next.changeId, cursor.changeId)
            return batch
        }
    }

    /// How many photos wait for `target`, and since when.
    package func forwardBacklog(target: String) async throws(StoreError) -> ForwardBacklog {
        try await read { db in
            try Self.backlog(try CentralCursorRecord.fetchOne(db, key: target) ?? CentralCursorRecord(target: target), db)
        }
    }

    /// The backlog of every central database this node has forwarded to.
    package func forwardBacklogs() async throws(StoreError) -> [ForwardBacklog] {
        try await read { db in try CentralCursorRecord.order(Column("target")).fetchAll(db).map { try Self.backlog($0, db) } }
    }

    static func backlog(_ cursor: CentralCursorRecord, _ db: Database) throws -> ForwardBacklog {
        let waiting = try Int.fetchOne(db, sql: "SELECT count(*) FROM photo WHERE id > ?", arguments: [cursor.photoId]) ?? 0
        let oldest = try Date.fetchOne(db, sql: "SELECT received_at FROM photo WHERE id > ? ORDER BY id LIMIT 1", arguments: [cursor.photoId])
        return ForwardBacklog(target: cursor.target, photos: waiting, oldestReceivedAt: oldest, lastForwardedAt: cursor.forwardedAt)
    }

    /// The last photo id a batch may take: at most `limit` photos, and none from the first one not
    /// yet filed on (its archived path may still change; ids only grow, so nothing is skipped).
    /// The unfiled are found through their partial index, a handful of rows; by id, SQLite would
    /// walk every photo past the cursor.
    static func forwardablePhotoBound(after photoID: Int64, limit: Int, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT max(id) FROM (
                SELECT id FROM photo
                WHERE id > ?1 AND id < coalesce(
                    (SELECT min(id) FROM photo INDEXED BY photo_unfiled WHERE filed = 0 AND id > ?1), 9223372036854775807)
                ORDER BY id LIMIT ?2)
            """, arguments: [photoID, limit])
    }

    /// `SELECT json_group_array(json_object(columns…))` over `from`, in `key` order, with the row
    /// count and the largest key (0 when empty).
    static func jsonRows(
        _ columns: [(String, String)], from: String, arguments: StatementArguments, key: String, _ db: Database
    ) throws -> (String, Int, Int64) {
        let object = columns.map { "'\($0.0)', \($0.1)" }.joined(separator: ", ")
        let row = try Row.fetchOne(db, sql: """
            SELECT json_group_array(json_object(\(object))) AS rows, count(*) AS n, coalesce(max(\(key)), 0) AS last
            FROM (SELECT * FROM \(from) ORDER BY \(key))
            """, arguments: arguments)
        return (row?["rows"] ?? "[]", row?["n"] ?? 0, row?["last"] ?? 0)
    }

    static func addHealth(to batch: inout ForwardBatch, after updatedAt: String, _ db: Database) throws {
        let object = healthColumns.map { "'\($0.0)', \($0.1)" }.joined(separator: ", ")
        let row = try Row.fetchOne(db, sql: """
            SELECT json_group_array(json_object(\(object))) AS rows, count(*) AS n, max(updated_at) AS last
            FROM camera_health WHERE updated_at > ?
            """, arguments: [updatedAt])
        batch.health = row?["rows"] ?? "[]"
        batch.healthCount = row?["n"] ?? 0
        if let last: String = row?["last"] { batch.next.healthUpdatedAt = last }
    }

    /// Stored times are UTC text without a zone; PostgreSQL reads them with `+00` as `timestamptz`.
    private static func utc(_ column: String) -> String { "\(column) || '+00'" }

    static let layoutColumns = [("id", "id"), ("camera", "camera"), ("space_ids", "space_ids")]
    static let photoColumns = [
        ("id", "id"), ("camera", "camera"), ("file", "file"), ("sha256", "sha256"), ("size_bytes", "size_bytes"),
        ("status", "status"), ("error", "error"), ("vehicles", "vehicles"), ("width", "width"), ("height", "height"),
        ("captured_at", utc("captured_at")), ("capture_source", "capture_source"), ("received_at", utc("received_at")),
        ("archived_path", "archived_path"), ("duplicate_of", "duplicate_of"), ("detect_ms", "detect_ms"),
    ]
    static let readingColumns = [
        ("photo_id", "photo_id"), ("layout_id", "layout_id"), ("camera", "camera"), ("captured_at", utc("captured_at")),
        ("total", "total"), ("occupied", "occupied"), ("free", "free"), ("unknown", "unknown"),
        ("free_spaces", "free_spaces"), ("raw_states", "raw_states"), ("raw_confidence", "hex(raw_confidence)"),
    ]
    static let changeColumns = [
        ("id", "id"), ("camera", "camera"), ("space", "space"), ("at", utc("at")), ("state", "state"),
        ("confidence", "confidence"), ("photo_id", "photo_id"),
    ]
    static let healthColumns = [
        ("camera", "camera"), ("source", "source"), ("state", "state"), ("online_since", utc("online_since")),
        ("offline_since", utc("offline_since")), ("last_frame_at", utc("last_frame_at")), ("last_error", "last_error"),
        ("reconnects", "reconnects"), ("updated_at", utc("updated_at")),
    ]
}
