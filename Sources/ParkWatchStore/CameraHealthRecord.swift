import Foundation
import GRDB

/// Whether a streaming camera delivers frames now, and since when it does or does not.
package struct CameraHealthRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case online, offline
    }

    package static let databaseTableName = "camera_health"

    package var camera: String
    /// The URL or file it reads, as configured.
    package var source: String
    package var state: State
    package var onlineSince: Date?
    /// Start of the current outage; nil while online.
    package var offlineSince: Date?
    package var lastFrameAt: Date?
    /// Why the camera went (or stays) offline; kept after it comes back, for the operator.
    package var lastError: String?
    /// Connections made after the first one.
    package var reconnects: Int
    package var updatedAt: Date

    package init(
        camera: String, source: String, state: State, onlineSince: Date? = nil, offlineSince: Date? = nil,
        lastFrameAt: Date? = nil, lastError: String? = nil, reconnects: Int = 0, updatedAt: Date
    ) {
        self.camera = camera
        self.source = source
        self.state = state
        self.onlineSince = onlineSince
        self.offlineSince = offlineSince
        self.lastFrameAt = lastFrameAt
        self.lastError = lastError
        self.reconnects = reconnects
        self.updatedAt = updatedAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

extension ParkWatchDatabase {
    /// Replaces the camera's row, with the webhook `events` the change caused.
    package func saveCameraHealth(_ health: CameraHealthRecord, events: [WebhookOutboxRecord] = []) async throws(StoreError) {
        try await write { db in
            try health.save(db)
            for var event in events { try event.insert(db) }
        }
    }

    package func cameraHealth(camera: String) async throws(StoreError) -> CameraHealthRecord? {
        try await read { db in try CameraHealthRecord.fetchOne(db, key: camera) }
    }

    /// Every streaming camera's health, by camera id.
    package func cameraHealth() async throws(StoreError) -> [CameraHealthRecord] {
        try await read { db in try CameraHealthRecord.order(sql: "camera").fetchAll(db) }
    }
}

extension ParkWatchDatabase {
    /// A frame of `camera` was analysed at `at`: cheaper than rewriting the row for every sample.
    package func recordCameraFrame(camera: String, at: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE camera_health SET last_frame_at = ?, updated_at = ? WHERE camera = ?", arguments: [at, at, camera])
        }
    }
}
