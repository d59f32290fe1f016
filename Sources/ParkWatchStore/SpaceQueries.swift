import Foundation
import GRDB

extension ParkWatchDatabase {
    /// The anti-flicker state of every space of a camera, by space id.
    package func spaceTracks(camera: String) async throws(StoreError) -> [String: SpaceTrackRecord] {
        try await read { db in try Self.spaceTracks(camera: camera, db) }
    }

    static func spaceTracks(camera: String, _ db: Database) throws -> [String: SpaceTrackRecord] {
        let tracks = try SpaceTrackRecord.filter(sql: "camera = ?", arguments: [camera]).fetchAll(db)
        return Dictionary(tracks.map { ($0.space, $0) }, uniquingKeysWith: { $1 })
    }

    /// Space readings of a camera in a window on `captured_at`, oldest first.
    package func spaceReadings(matching filter: PhotoFilter) async throws(StoreError) -> [SpaceReadingRecord] {
        try await read { db in
            var request = SpaceReadingRecord.all()
            if let camera = filter.camera { request = request.filter(sql: "camera = ?", arguments: [camera]) }
            if let from = filter.from { request = request.filter(sql: "captured_at >= ?", arguments: [from]) }
            if let to = filter.to { request = request.filter(sql: "captured_at < ?", arguments: [to]) }
            return try request.order(sql: "captured_at, photo_id").fetchAll(db)
        }
    }

    package func spaceChanges(camera: String) async throws(StoreError) -> [SpaceChangeRecord] {
        try await read { db in
            try SpaceChangeRecord.filter(sql: "camera = ?", arguments: [camera]).order(sql: "at, id").fetchAll(db)
        }
    }

    package func spaceReading(photoID: Int64) async throws(StoreError) -> SpaceReadingRecord? {
        try await read { db in try SpaceReadingRecord.fetchOne(db, key: photoID) }
    }

    package func setOverlayPath(_ path: String, photoID: Int64) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE space_reading SET overlay_path = ? WHERE photo_id = ?", arguments: [path, photoID])
        }
    }

    /// Writes the occupancy of a just-inserted photo: layout (once), reading, changes, tracks.
    static func writeOccupancy(_ occupancy: OccupancyWrite, photoID: Int64, _ db: Database) throws {
        var reading = occupancy.reading
        reading.photoId = photoID
        reading.layoutId = try layoutID(camera: reading.camera, spaceIDs: occupancy.spaceIDs, db)
        try reading.insert(db)
        for var change in occupancy.changes {
            change.photoId = photoID
            try change.insert(db)
        }
        for track in occupancy.tracks { try track.save(db) }
        for var event in occupancy.events { try event.insert(db) }
        for state in occupancy.lotStates { try state.save(db) }
    }

    private static func layoutID(camera: String, spaceIDs: [String], _ db: Database) throws -> Int64 {
        let encoded = String(decoding: try JSONEncoder().encode(spaceIDs), as: UTF8.self)
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM layout WHERE camera = ? AND space_ids = ?", arguments: [camera, encoded]) {
            return id
        }
        var layout = LayoutRecord(id: nil, camera: camera, spaceIds: encoded)
        try layout.insert(db)
        return layout.id ?? 0
    }
}
