import Foundation
import GRDB

/// Whether a streaming camera delivers frames now, and since when it does or does not.
public struct CameraHealthRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case online, offline
    }

    public static let databaseTableName = "camera_health"

    public var camera: String
    /// The URL or file it reads, as configured.
    public var source: String
    public var state: State
    public var onlineSince: Date?
    /// Start of the current outage; nil while online.
    public var offlineSince: Date?
    public var lastFrameAt: Date?
    /// Why the camera went (or stays) offline; kept after it comes back, for the operator.
    public var lastError: String?
    /// Connections made after the first one.
    public var reconnects: Int
    public var updatedAt: Date

    public init(
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

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

extension ParkWatchDatabase {
    /// Replaces the camera's row.
    public func saveCameraHealth(_ health: CameraHealthRecord) async throws(StoreError) {
        try await write { db in try health.save(db) }
    }

    public func cameraHealth(camera: String) async throws(StoreError) -> CameraHealthRecord? {
        try await read { db in try CameraHealthRecord.fetchOne(db, key: camera) }
    }

    /// Every streaming camera's health, by camera id.
    public func cameraHealth() async throws(StoreError) -> [CameraHealthRecord] {
        try await read { db in try CameraHealthRecord.order(sql: "camera").fetchAll(db) }
    }
}

extension ParkWatchDatabase {
    /// A frame of `camera` was analysed at `at`: cheaper than rewriting the row for every sample.
    public func recordCameraFrame(camera: String, at: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE camera_health SET last_frame_at = ?, updated_at = ? WHERE camera = ?", arguments: [at, at, camera])
        }
    }
}
