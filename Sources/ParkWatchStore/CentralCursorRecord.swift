import Foundation
import GRDB

/// How far this node's rows have reached one central database (`target`: its address and this
/// node's site there).
package struct CentralCursorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "central_cursor"

    package var target: String
    package var photoId: Int64 = 0
    package var layoutId: Int64 = 0
    package var changeId: Int64 = 0
    /// The `updated_at` text of the newest camera health row forwarded ("" for none).
    package var healthUpdatedAt: String = ""
    package var forwardedAt: Date?

    package init(target: String) {
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case target
        case photoId = "photo_id"
        case layoutId = "layout_id"
        case changeId = "change_id"
        case healthUpdatedAt = "health_updated_at"
        case forwardedAt = "forwarded_at"
    }
}

/// The rows past a cursor, each table as a JSON array of objects (times as UTC text with `+00`,
/// blobs as hex), ready for PostgreSQL's `json_to_recordset`, and the cursor that takes them.
package struct ForwardBatch: Sendable {
    package var layouts = "[]"
    package var photos = "[]"
    package var readings = "[]"
    package var changes = "[]"
    package var health = "[]"
    package var photoCount = 0
    package var changeCount = 0
    package var layoutCount = 0
    package var healthCount = 0
    /// The cursor once this batch is stored centrally.
    package var next: CentralCursorRecord

    package var isEmpty: Bool { photoCount + changeCount + layoutCount + healthCount == 0 }
}

/// What has not reached the central database yet.
package struct ForwardBacklog: Sendable, Equatable {
    /// The central database (no credentials) and this node's site there.
    package var target: String
    package var photos: Int
    /// When the oldest photo not yet forwarded was received; nil when none waits.
    package var oldestReceivedAt: Date?
    package var lastForwardedAt: Date?
}
