import Foundation
import GRDB

extension ParkWatchDatabase {
    /// Stores a new row. An `ok` row whose content is already counted is refused, so a photo can
    /// never be counted twice even if a caller forgets to look first.
    /// With `occupancy`, the photo's space reading, state changes and tracks are written in the
    /// same transaction: a photo is never stored without them, nor they without it; so are the
    /// webhook `events` it caused.
    package func insert(
        _ photo: PhotoRecord, occupancy: OccupancyWrite? = nil, events: [WebhookOutboxRecord] = []
    ) async throws(StoreError) -> PhotoRecord {
        try await write { db in
            var row = photo
            do { try row.insert(db) } catch let error as DatabaseError
                where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.contentAlreadyCounted(sha256: photo.sha256 ?? "")
            }
            if let occupancy, let id = row.id { try Self.writeOccupancy(occupancy, photoID: id, db) }
            for var event in events { try event.insert(db) }
            return row
        }
    }

    /// Stores a new row with its space reading, which `occupancy` builds from what this same
    /// transaction reads (`OccupancyContext`): two photos of a camera stored side by side each step
    /// the tracks the other left, never a stale copy. `lotCameras` are the other cameras watching
    /// the same lot, whose latest readings the context carries.
    package func insert(
        _ photo: PhotoRecord, lotCameras: [String] = [],
        occupancy: @escaping @Sendable (OccupancyContext) throws -> OccupancyWrite
    ) async throws(StoreError) -> (PhotoRecord, OccupancyWrite) {
        try await write { db in
            var row = photo
            do { try row.insert(db) } catch let error as DatabaseError
                where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.contentAlreadyCounted(sha256: photo.sha256 ?? "")
            }
            let context = OccupancyContext(
                tracks: try Self.spaceTracks(camera: photo.camera, db), lotStates: try WebhookLotStateRecord.fetchAll(db),
                neighbours: try lotCameras.compactMap { try Self.latestReading(camera: $0, db) })
            let write = try occupancy(context)
            if let id = row.id { try Self.writeOccupancy(write, photoID: id, db) }
            return (row, write)
        }
    }

    static func latestReading(camera: String, _ db: Database) throws -> SpaceReadingRecord? {
        try SpaceReadingRecord.fetchOne(
            db, sql: "SELECT * FROM space_reading WHERE camera = ? ORDER BY captured_at DESC, photo_id DESC LIMIT 1", arguments: [camera])
    }

    /// Records that the file now sits at `archivedPath`.
    package func markFiled(id: Int64, archivedPath: String) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE photo SET filed = 1, archived_path = ? WHERE id = ?",
                arguments: [archivedPath, id])
            if db.changesCount == 0 { throw StoreError.photoNotFound(id: id) }
        }
    }

    /// A row written before a crash whose file was not yet moved: found by content, or by inbox
    /// path for entries that have none (directories, symlinks, files too large to read).
    package func unfiledPhoto(sha256: String?, sourcePath: String) async throws(StoreError) -> PhotoRecord? {
        try await read { db in
            if let sha256 {
                return try PhotoRecord.filter(sql: "filed = 0 AND sha256 = ?", arguments: [sha256]).fetchOne(db)
            }
            return try PhotoRecord.filter(sql: "filed = 0 AND sha256 IS NULL AND source_path = ?", arguments: [sourcePath])
                .fetchOne(db)
        }
    }

    package func unfiledPhotos() async throws(StoreError) -> [PhotoRecord] {
        try await read { db in try PhotoRecord.filter(sql: "filed = 0").order(sql: "id").fetchAll(db) }
    }

    /// The counted (`ok`) photo with this content, if any.
    package func countedPhoto(sha256: String) async throws(StoreError) -> PhotoRecord? {
        try await read { db in
            try PhotoRecord.filter(sql: "status = 'ok' AND sha256 = ?", arguments: [sha256]).fetchOne(db)
        }
    }

    package func photo(id: Int64) async throws(StoreError) -> PhotoRecord? {
        try await read { db in try PhotoRecord.fetchOne(db, key: id) }
    }

    /// Stored photos, oldest capture first.
    package func photos(matching filter: PhotoFilter) async throws(StoreError) -> [PhotoRecord] {
        try await read { db in
            try filter.apply(to: PhotoRecord.all()).order(sql: "captured_at, id").fetchAll(db)
        }
    }

    package func vehicleSummary(matching filter: PhotoFilter) async throws(StoreError) -> VehicleSummary {
        let counted = PhotoFilter(camera: filter.camera, from: filter.from, to: filter.to, status: .ok)
        return try await read { db in
            let request = counted.apply(to: PhotoRecord.all())
                .select(sql: "COUNT(*), AVG(vehicles), MIN(vehicles), MAX(vehicles)")
            let row = try Row.fetchOne(db, request)
            return VehicleSummary(
                photos: row?[0] ?? 0, averageVehicles: row?[1], minVehicles: row?[2], maxVehicles: row?[3])
        }
    }
}

extension PhotoFilter {
    func apply(to request: QueryInterfaceRequest<PhotoRecord>) -> QueryInterfaceRequest<PhotoRecord> {
        var request = request
        if let camera { request = request.filter(sql: "camera = ?", arguments: [camera]) }
        if let from { request = request.filter(sql: "captured_at >= ?", arguments: [from]) }
        if let to { request = request.filter(sql: "captured_at < ?", arguments: [to]) }
        if let status { request = request.filter(sql: "status = ?", arguments: [status.rawValue]) }
        return request
    }
}
