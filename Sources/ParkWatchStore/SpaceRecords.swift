import Foundation
import GRDB

/// The ordered space ids of a camera's layout; `space_reading.raw_states` is in this order.
package struct LayoutRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "layout"
    package var id: Int64?
    package var camera: String
    /// JSON array of space ids.
    package var spaceIds: String

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One photo's space figures: confirmed counts and free ids, plus the raw per-space reading.
package struct SpaceReadingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "space_reading"
    package var photoId: Int64
    package var layoutId: Int64
    package var camera: String
    package var capturedAt: Date
    package var total: Int
    package var occupied: Int
    package var free: Int
    package var unknown: Int
    /// JSON array of the ids of spaces confirmed free.
    package var freeSpaces: String
    /// One character per space in layout order: `o` occupied, `f` free, `u` unknown.
    package var rawStates: String
    /// One byte per space in layout order: confidence × 255.
    package var rawConfidence: Data
    package var overlayPath: String?

    package init(
        photoId: Int64 = 0, layoutId: Int64 = 0, camera: String, capturedAt: Date, total: Int, occupied: Int,
        free: Int, unknown: Int, freeSpaces: String, rawStates: String, rawConfidence: Data, overlayPath: String? = nil
    ) {
        self.photoId = photoId
        self.layoutId = layoutId
        self.camera = camera
        self.capturedAt = capturedAt
        self.total = total
        self.occupied = occupied
        self.free = free
        self.unknown = unknown
        self.freeSpaces = freeSpaces
        self.rawStates = rawStates
        self.rawConfidence = rawConfidence
        self.overlayPath = overlayPath
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A space's confirmed state changed at `at` (the capture time of the photo that confirmed it).
package struct SpaceChangeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "space_change"
    package var id: Int64?
    package var camera: String
    package var space: String
    package var at: Date
    package var state: String
    package var confidence: Double
    package var photoId: Int64

    package init(camera: String, space: String, at: Date, state: String, confidence: Double, photoId: Int64 = 0) {
        self.camera = camera
        self.space = space
        self.at = at
        self.state = state
        self.confidence = confidence
        self.photoId = photoId
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The anti-flicker state of one space: its confirmed state and the change it is waiting to confirm.
package struct SpaceTrackRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "space_track"
    package var camera: String
    package var space: String
    package var state: String
    package var confidence: Double
    package var candidateState: String?
    package var candidateCount: Int
    package var updatedAt: Date

    package init(
        camera: String, space: String, state: String, confidence: Double, candidateState: String? = nil,
        candidateCount: Int = 0, updatedAt: Date
    ) {
        self.camera = camera
        self.space = space
        self.state = state
        self.confidence = confidence
        self.candidateState = candidateState
        self.candidateCount = candidateCount
        self.updatedAt = updatedAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// Everything a photo of a camera with a layout adds, written in the same transaction as its photo row.
package struct OccupancyWrite: Sendable, Equatable {
    package var spaceIDs: [String]
    package var reading: SpaceReadingRecord
    package var changes: [SpaceChangeRecord]
    package var tracks: [SpaceTrackRecord]
    /// Webhook events the reading caused, and the receivers' lot states it moved.
    package var events: [WebhookOutboxRecord]
    package var lotStates: [WebhookLotStateRecord]

    package init(
        spaceIDs: [String], reading: SpaceReadingRecord, changes: [SpaceChangeRecord], tracks: [SpaceTrackRecord],
        events: [WebhookOutboxRecord] = [], lotStates: [WebhookLotStateRecord] = []
    ) {
        self.spaceIDs = spaceIDs
        self.reading = reading
        self.changes = changes
        self.tracks = tracks
        self.events = events
        self.lotStates = lotStates
    }
}

/// What a photo's transaction reads before its occupancy is written.
package struct OccupancyContext: Sendable {
    /// The camera's anti-flicker tracks, by space.
    package var tracks: [String: SpaceTrackRecord]
    /// Whether each webhook receiver last heard each lot was full.
    package var lotStates: [WebhookLotStateRecord]
    /// The latest reading of each other camera watching the same lot.
    package var neighbours: [SpaceReadingRecord]
}
