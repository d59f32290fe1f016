import Foundation
import GRDB

/// The ordered space ids of a camera's layout; `space_reading.raw_states` is in this order.
public struct LayoutRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "layout"
    public var id: Int64?
    public var camera: String
    /// JSON array of space ids.
    public var spaceIds: String

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One photo's space figures: confirmed counts and free ids, plus the raw per-space reading.
public struct SpaceReadingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "space_reading"
    public var photoId: Int64
    public var layoutId: Int64
    public var camera: String
    public var capturedAt: Date
    public var total: Int
    public var occupied: Int
    public var free: Int
    public var unknown: Int
    /// JSON array of the ids of spaces confirmed free.
    public var freeSpaces: String
    /// One character per space in layout order: `o` occupied, `f` free, `u` unknown.
    public var rawStates: String
    /// One byte per space in layout order: confidence × 255.
    public var rawConfidence: Data
    public var overlayPath: String?

    public init(
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

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A space's confirmed state changed at `at` (the capture time of the photo that confirmed it).
public struct SpaceChangeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "space_change"
    public var id: Int64?
    public var camera: String
    public var space: String
    public var at: Date
    public var state: String
    public var confidence: Double
    public var photoId: Int64

    public init(camera: String, space: String, at: Date, state: String, confidence: Double, photoId: Int64 = 0) {
        self.camera = camera
        self.space = space
        self.at = at
        self.state = state
        self.confidence = confidence
        self.photoId = photoId
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The anti-flicker state of one space: its confirmed state and the change it is waiting to confirm.
public struct SpaceTrackRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "space_track"
    public var camera: String
    public var space: String
    public var state: String
    public var confidence: Double
    public var candidateState: String?
    public var candidateCount: Int
    public var updatedAt: Date

    public init(
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

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// Everything a photo of a camera with a layout adds, written in the same transaction as its photo row.
public struct OccupancyWrite: Sendable, Equatable {
    public var spaceIDs: [String]
    public var reading: SpaceReadingRecord
    public var changes: [SpaceChangeRecord]
    public var tracks: [SpaceTrackRecord]

    public init(spaceIDs: [String], reading: SpaceReadingRecord, changes: [SpaceChangeRecord], tracks: [SpaceTrackRecord]) {
        self.spaceIDs = spaceIDs
        self.reading = reading
        self.changes = changes
        self.tracks = tracks
    }
}
