import Foundation
import GRDB

/// A stored reading: one row of `photo`.
public struct PhotoRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        case ok, rejected, duplicate
    }

    public static let databaseTableName = "photo"

    public var id: Int64?
    public var camera: String
    /// The name the file arrived with (sanitised).
    public var file: String
    /// Where it sat in the inbox, so a start after a crash can tell a moved file from a lost one.
    public var sourcePath: String
    public var sha256: String?
    public var sizeBytes: Int?
    public var status: Status
    public var error: String?
    public var vehicles: Int?
    public var width: Int?
    public var height: Int?
    public var capturedAt: Date
    public var captureSource: String
    public var receivedAt: Date
    public var archivedPath: String
    public var filed: Bool
    public var duplicateOf: Int64?
    public var detectMs: Double?

    public init(
        id: Int64? = nil, camera: String, file: String, sourcePath: String, sha256: String?,
        sizeBytes: Int?, status: Status, error: String? = nil, vehicles: Int? = nil,
        width: Int? = nil, height: Int? = nil, capturedAt: Date, captureSource: String,
        receivedAt: Date, archivedPath: String, filed: Bool = false, duplicateOf: Int64? = nil,
        detectMs: Double? = nil
    ) {
        self.id = id
        self.camera = camera
        self.file = file
        self.sourcePath = sourcePath
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.status = status
        self.error = error
        self.vehicles = vehicles
        self.width = width
        self.height = height
        self.capturedAt = capturedAt
        self.captureSource = captureSource
        self.receivedAt = receivedAt
        self.archivedPath = archivedPath
        self.filed = filed
        self.duplicateOf = duplicateOf
        self.detectMs = detectMs
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
