import Foundation
import GRDB

/// One event on its way to one receiver.
package struct WebhookOutboxRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "webhook_outbox"
    package var id: Int64?
    package var eventId: String
    /// The receiver's URL.
    package var target: String
    package var event: String
    /// The JSON sent, exactly as signed.
    package var body: String
    package var createdAt: Date
    package var attempts: Int
    package var nextAttemptAt: Date
    package var deliveredAt: Date?
    package var lastError: String?

    package init(eventId: String, target: String, event: String, body: String, createdAt: Date) {
        self.eventId = eventId
        self.target = target
        self.event = event
        self.body = body
        self.createdAt = createdAt
        attempts = 0
        nextAttemptAt = createdAt
    }

    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// Whether a receiver last heard that a lot was full.
package struct WebhookLotStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "webhook_lot_state"
    package var target: String
    package var lot: String
    package var full: Bool

    package init(target: String, lot: String, full: Bool) {
        self.target = target
        self.lot = lot
        self.full = full
    }
}

/// Whether a camera that uploads photos is dark, and since when it is (or is back).
package struct UploadCameraStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "upload_camera_state"
    package var camera: String
    package var offline: Bool
    package var since: Date

    package init(camera: String, offline: Bool, since: Date) {
        self.camera = camera
        self.offline = offline
        self.since = since
    }
}
