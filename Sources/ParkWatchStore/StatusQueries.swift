import Foundation
import GRDB

/// Look-ups for live status pages: the newest reading of a camera, photos by content, cameras seen.
extension ParkWatchDatabase {
    /// The newest space reading of a camera (by capture time), if it ever had one.
    package func latestSpaceReading(camera: String) async throws(StoreError) -> SpaceReadingRecord? {
        try await read { db in try Self.latestReading(camera: camera, db) }
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
        try await read { db in try Self.cameras(db) }
    }

    /// One index step per camera (the next id after the last), not one per photo: `DISTINCT`
    /// walks every row of the camera index, a third of a second on a year of ten cameras, and
    /// the pages and the MQTT publisher ask often.
    static func cameras(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE seen(camera) AS (
                SELECT MIN(camera) FROM photo
                UNION ALL
                SELECT (SELECT MIN(camera) FROM photo WHERE camera > seen.camera) FROM seen WHERE seen.camera IS NOT NULL)
            SELECT camera FROM seen WHERE camera IS NOT NULL
            """)
    }

    /// The space ids of the layout a camera used last, in layout order; nil if it never had one.
    package func latestLayoutSpaceIDs(camera: String) async throws(StoreError) -> [String]? {
        try await read { db in try Self.latestLayoutSpaceIDs(camera: camera, db) }
    }

    static func latestLayoutSpaceIDs(camera: String, _ db: Database) throws -> [String]? {
        let encoded = try String.fetchOne(
            db, sql: "SELECT space_ids FROM layout WHERE camera = ? ORDER BY id DESC LIMIT 1", arguments: [camera])
        return encoded.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }
}

/// One camera as it stands now: its newest reading, its layout's spaces, each space's confirmed
/// state, and (for a stream) its connection health.
package struct LiveCameraState: Sendable {
    package var camera: String
    package var reading: SpaceReadingRecord?
    package var spaceIDs: [String]
    package var tracks: [String: SpaceTrackRecord]
    package var health: CameraHealthRecord?
}

extension ParkWatchDatabase {
    /// Every camera that sent a photo or has a health row, read in one transaction, so a reading
    /// and the tracks it moved are never seen half written.
    package func liveCameraStates() async throws(StoreError) -> [LiveCameraState] {
        try await read { db in
            let health = Dictionary(try CameraHealthRecord.fetchAll(db).map { ($0.camera, $0) }, uniquingKeysWith: { $1 })
            let cameras = Set(try Self.cameras(db)).union(health.keys).sorted()
            return try cameras.map { camera in
                LiveCameraState(
                    camera: camera, reading: try Self.latestReading(camera: camera, db),
                    spaceIDs: try Self.latestLayoutSpaceIDs(camera: camera, db) ?? [],
                    tracks: try Self.spaceTracks(camera: camera, db), health: health[camera])
            }
        }
    }
}
