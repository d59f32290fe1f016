import Foundation
import GRDB

extension ParkWatchDatabase {
    /// Stores `labels` (space id → occupied) for a stored photo, replacing earlier verdicts on
    /// the same spaces. Throws `photoNotFound` for an id with no counted photo.
    public func setLabels(_ labels: [String: Bool], photoID: Int64, at time: Date) async throws(StoreError) {
        try await write { db in
            guard try PhotoRecord.filter(sql: "id = ? AND status = 'ok'", arguments: [photoID]).fetchCount(db) == 1 else {
                throw StoreError.photoNotFound(id: photoID)
            }
            for (space, occupied) in labels.sorted(by: { $0.key < $1.key }) {
                try SpaceLabelRecord(photoId: photoID, space: space, occupied: occupied, labelledAt: time).upsert(db)
            }
        }
    }

    /// Every labelled photo of a camera, oldest capture first.
    public func labelledPhotos(camera: String) async throws(StoreError) -> [LabelledPhoto] {
        try await read { db in
            let photos = try PhotoRecord.fetchAll(db, sql: """
                SELECT * FROM photo WHERE camera = ? AND id IN (SELECT photo_id FROM space_label) ORDER BY captured_at, id
                """, arguments: [camera])
            return try photos.map { photo in
                let rows = try SpaceLabelRecord.filter(sql: "photo_id = ?", arguments: [photo.id]).fetchAll(db)
                return LabelledPhoto(photo: photo, labels: Dictionary(rows.map { ($0.space, $0.occupied) }, uniquingKeysWith: { $1 }))
            }
        }
    }

    /// The labels of one photo, by space id.
    public func labels(photoID: Int64) async throws(StoreError) -> [String: Bool] {
        try await read { db in
            let rows = try SpaceLabelRecord.filter(sql: "photo_id = ?", arguments: [photoID]).fetchAll(db)
            return Dictionary(rows.map { ($0.space, $0.occupied) }, uniquingKeysWith: { $1 })
        }
    }

    /// The space ids of the layout a photo's spaces were read with; nil when none were.
    public func spaceIDs(photoID: Int64) async throws(StoreError) -> [String]? {
        try await read { db in
            let json = try String.fetchOne(db, sql: """
                SELECT layout.space_ids FROM space_reading JOIN layout ON layout.id = space_reading.layout_id
                WHERE space_reading.photo_id = ?
                """, arguments: [photoID])
            return try json.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        }
    }

    public func cameraFusion(camera: String) async throws(StoreError) -> CameraFusionRecord? {
        try await read { db in try CameraFusionRecord.fetchOne(db, key: camera) }
    }

    public func setCameraFusion(_ record: CameraFusionRecord) async throws(StoreError) {
        try await write { db in try record.upsert(db) }
    }

    /// Back to the prior weights; true when there was a calibration to remove.
    @discardableResult
    public func deleteCameraFusion(camera: String) async throws(StoreError) -> Bool {
        try await write { db in try CameraFusionRecord.deleteOne(db, key: camera) }
    }
}
