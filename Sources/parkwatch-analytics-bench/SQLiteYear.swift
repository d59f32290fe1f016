import Foundation
import GRDB
import ParkWatchAnalytics
import ParkWatchStore

/// Writes a synthetic year into a real ParkWatch database, with rows shaped as the inbox writes
/// them (a photo row and a space reading per photo, one change row per confirmed state change),
/// so the report is timed on what `parkwatch report` reads and the file size is what a year costs.
struct SQLiteYear {
    let path: String
    let spacesPerCamera: Int

    /// Creates the file unless it already holds photos: generating a year takes minutes, timing it seconds.
    func writeIfMissing(_ year: SyntheticYear) throws {
        _ = try ParkWatchDatabase(path: path)
        let queue = try DatabaseQueue(path: path)
        if try queue.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM photo") ?? 0 }) > 0 { return }
        try queue.write { db in
            let layouts = try insertLayouts(db, cameras: year.readingsByCamera.keys.sorted())
            let photoIDs = try insertReadings(db, year: year, layouts: layouts)
            try insertChanges(db, year: year, photoIDs: photoIDs)
        }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    private var spaceIDs: [String] { (0..<spacesPerCamera).map { String(format: "s%03d", $0) } }

    private func insertLayouts(_ db: Database, cameras: [String]) throws -> [String: Int64] {
        let encoded = String(decoding: try JSONEncoder().encode(spaceIDs), as: UTF8.self)
        var ids: [String: Int64] = [:]
        for camera in cameras {
            try db.execute(sql: "INSERT INTO layout (camera, space_ids) VALUES (?, ?)", arguments: [camera, encoded])
            ids[camera] = db.lastInsertedRowID
        }
        return ids
    }

    /// Cameras interleaved minute by minute, as photos arrive. Returns each camera's photo id per minute
    /// (the last one before it during an outage) for the change rows' references.
    private func insertReadings(_ db: Database, year: SyntheticYear, layouts: [String: Int64]) throws -> [String: [Int64]] {
        let photo = try db.makeStatement(sql: """
            INSERT INTO photo (camera, file, source_path, sha256, size_bytes, status, vehicles, width, height,
                captured_at, capture_source, received_at, archived_path, filed, detect_ms)
            VALUES (?, ?, ?, ?, 180000, 'ok', ?, 1280, 720, ?, 'exif', ?, ?, 1, 380)
            """)
        let reading = try db.makeStatement(sql: """
            INSERT INTO space_reading (photo_id, layout_id, camera, captured_at, total, occupied, free, unknown,
                free_spaces, raw_states, raw_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
            """)
        var photoIDs = year.readingsByCamera.mapValues { _ in [Int64](repeating: 0, count: year.minutes) }
        let ordered = year.readingsByCamera.values.joined().sorted { ($0.at, $0.camera) < ($1.at, $1.camera) }
        for (index, value) in ordered.enumerated() {
            let occupied = Int(value.occupied)
            let file = "\(value.camera)-\(index).jpg"
            try photo.execute(arguments: [
                value.camera, file, "/var/lib/parkwatch/inbox/\(value.camera)/\(file)", String(format: "%064x", index), occupied,
                value.at, value.at, "/var/lib/parkwatch/archive/2025/01/01/\(value.camera)/\(file)",
            ])
            let photoID = db.lastInsertedRowID
            photoIDs[value.camera]![Int(value.at.timeIntervalSince(year.start) / 60)] = photoID
            let states = String(repeating: "o", count: occupied) + String(repeating: "f", count: spacesPerCamera - occupied)
            try reading.execute(arguments: [
                photoID, layouts[value.camera]!, value.camera, value.at, spacesPerCamera, occupied, spacesPerCamera - occupied,
                spaceIDs.suffix(spacesPerCamera - occupied).joined(separator: ","), states, Data(repeating: 230, count: spacesPerCamera),
            ])
        }
        return photoIDs.mapValues(Self.fillingOutages)
    }

    private static func fillingOutages(_ ids: [Int64]) -> [Int64] {
        var last: Int64 = ids.first { $0 != 0 } ?? 0
        return ids.map { id in
            if id != 0 { last = id }
            return last
        }
    }

    private func insertChanges(_ db: Database, year: SyntheticYear, photoIDs: [String: [Int64]]) throws {
        let change = try db.makeStatement(sql: """
            INSERT INTO space_change (camera, space, at, state, confidence, photo_id) VALUES (?, ?, ?, ?, 0.9, ?)
            """)
        for value in year.changes {
            let minute = min(Int(value.at.timeIntervalSince(year.start) / 60), year.minutes - 1)
            try change.execute(arguments: [value.camera, value.space, value.at, value.state.rawValue, photoIDs[value.camera]![minute]])
        }
    }
}
