import Foundation
import GRDB

/// Look-ups for live status pages: the newest reading of a camera, photos by content, cameras seen.
extension ParkWatchDatabase {
    /// The newest space reading of a camera (by capture time), if it ever had one.
    package func latestSpaceReading(camera: String) async throws(StoreError) -> SpaceReadingRecord? {
        try await read { db in
            try SpaceReadingRecord.filter(sql: "camera = ?", arguments: [camera])
                .order(sql: "captured_at DESC, photo_id DESC").fetchOne(db)
        }
    }

    /// The newest counted photo of a camera (by capture time).
    package func latestCountedPhoto(camera: String) async throws(StoreError) -> PhotoRecord? {
        try await read { db in
            try PhotoRecord.filter(sql: "camera = ? AND status = 'ok'", arguments: [camera])
                .order(sql: "captured_at DESC, id DESC").fetchOne(db)
        }
    }

    /// Every row with this content, newest first: a counted row, and any duplicates or rejections.
    package func photos(sha256: String) async throws(StoreError) -> [PhotoRecord] {
        try await read { db in
            try PhotoRecord.filter(sql: "sha256 = ?", arguments: [sha256]).order(sql: "id DESC").fetchAll(db)
        }
    }

    /// Ids of the cameras that ever sent a photo, sorted.
    package func cameras() async throws(StoreError) -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT DISTINCT camera FROM photo ORDER BY camera") }
    }

    /// The space ids of the layout a camera used last, in layout order; nil if it never had one.
    package func latestLayoutSpaceIDs(camera: String) async throws(StoreError) -> [String]? {
        let encoded = try await read { db in
            try String.fetchOne(db, sql: "SELECT space_ids FROM layout WHERE camera = ? ORDER BY id DESC LIMIT 1", arguments: [camera])
        }
        guard let encoded else { return nil }
        return try? JSONDecoder().decode([String].self, from: Data(encoded.utf8))
    }
}
