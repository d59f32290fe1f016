import Foundation
import GRDB

extension ParkWatchDatabase {
    /// Stores each photo's labels (space id → occupied), replacing earlier verdicts on the same
    /// spaces, all or none: every photo must be a counted photo of `camera` whose spaces were
    /// read, and every label a space of that reading's layout.
    package func setLabels(_ batch: [(photoID: Int64, labels: [String: Bool])], camera: String, at time: Date) async throws(StoreError) {
        try await write { db in
            for (photoID, labels) in batch {
                try Self.checkLabels(labels, photoID: photoID, camera: camera, db)
                for (space, occupied) in labels.sorted(by: { $0.key < $1.key }) {
                    try SpaceLabelRecord(photoId: photoID, space: space, occupied: occupied, labelledAt: time).upsert(db)
                }
            }
        }
    }

    static func checkLabels(_ labels: [String: Bool], photoID: Int64, camera: String, _ db: Database) throws {
        guard let photo = try PhotoRecord.filter(sql: "id = ? AND status = 'ok'", arguments: [photoID]).fetchOne(db) else {
            throw StoreError.photoNotFound(id: photoID)
        }
        guard photo.camera == camera else { throw StoreError.labelledPhotoOfAnotherCamera(id: photoID, camera: photo.camera) }
        guard let spaces = try spaceIDs(photoID: photoID, db) else { throw StoreError.labelledPhotoNotRead(id: photoID) }
        if let unknown = labels.keys.sorted().first(where: { !spaces.contains($0) }) {
            throw StoreError.labelledSpaceUnknown(space: unknown, photoID: photoID, spaces: spaces.count)
        }
    }

    /// Every labelled photo of a camera, oldest capture first.
    package func labelledPhotos(camera: String) async throws(StoreError) -> [LabelledPhoto] {
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
    package func labels(photoID: Int64) async throws(StoreError) -> [String: Bool] {
        try await read { db in
            let rows = try SpaceLabelRecord.filter(sql: "photo_id = ?", arguments: [photoID]).fetchAll(db)
            return Dictionary(rows.map { ($0.space, $0.occupied) }, uniquingKeysWith: { $1 })
        }
    }

    /// The space ids of the layout a photo's spaces were read with; nil when none were.
    static func spaceIDs(photoID: Int64, _ db: Database) throws -> [String]? {
        let json = try String.fetchOne(db, sql: """
            SELECT layout.space_ids FROM space_reading JOIN layout ON layout.id = space_reading.layout_id
            WHERE space_reading.photo_id = ?
            """, arguments: [photoID])
        return try json.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    package func cameraFusion(camera: String) async throws(StoreError) -> CameraFusionRecord? {
        try await read { db in try CameraFusionRecord.fetchOne(db, key: camera) }
    }

    /// When the camera's calibration was fitted; nil without one. A reader asks this for every
    /// frame and fetches the calibration itself only when it changed.
    package func cameraFusionFittedAt(camera: String) async throws(StoreError) -> Date? {
        try await read { db in
            try CameraFusionRecord.filter(key: camera).select(Column("fitted_at"), as: Date.self).fetchOne(db)
        }
    }

    package func setCameraFusion(_ record: CameraFusionRecord) async throws(StoreError) {
        try await write { db in try record.upsert(db) }
    }

    /// Back to the prior weights; true when there was a calibration to remove.
    @discardableResult
    package func deleteCameraFusion(camera: String) async throws(StoreError) -> Bool {
        try await write { db in try CameraFusionRecord.deleteOne(db, key: camera) }
    }

    package func cameraHistory(camera: String) async throws(StoreError) -> CameraHistoryRecord? {
        try await read { db in try CameraHistoryRecord.fetchOne(db, key: camera) }
    }

    package func setCameraHistory(_ record: CameraHistoryRecord) async throws(StoreError) {
        try await write { db in try record.upsert(db) }
    }

    /// Forgets what the camera learnt from its unlabelled frames; true when there was something.
    @discardableResult
    package func deleteCameraHistory(camera: String) async throws(StoreError) -> Bool {
        try await write { db in try CameraHistoryRecord.deleteOne(db, key: camera) }
    }
}

/// A photo whose spaces were read, as the labelling page lists them.
package struct ReadPhoto: Sendable, Equatable {
    package var id: Int64
    package var capturedAt: Date
    package var labels: Int
}

extension ParkWatchDatabase {
    /// A camera's newest photos whose spaces were read, newest first, with how many labels each has.
    package func readPhotos(camera: String, limit: Int) async throws(StoreError) -> [ReadPhoto] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.photo_id, r.captured_at, (SELECT COUNT(*) FROM space_label l WHERE l.photo_id = r.photo_id) AS labels
                FROM space_reading r WHERE r.camera = ? ORDER BY r.captured_at DESC, r.photo_id DESC LIMIT ?
                """, arguments: [camera, limit]).map { ReadPhoto(id: $0[0], capturedAt: $0[1], labels: $0[2]) }
        }
    }
}
