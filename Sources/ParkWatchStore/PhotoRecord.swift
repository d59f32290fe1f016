import Foundation
import GRDB

/// A stored reading: one row of `photo`.
package struct PhotoRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        case ok, rejected, duplicate
    }

    package static let databaseTableName = "photo"

    package var id: Int64?
    package var camera: String
    /// The name the file arrived with (sanitised).
    package var file: String
    /// Where it sat in the inbox, so a start after a crash can tell a moved file from a lost one.
    package var sourcePath: String
    package var sha256: String?
    package var sizeBytes: Int?
    package var status: Status
    package var error: String?
    package var vehicles: Int?
    package var width: Int?
    package var height: Int?
    package var capturedAt: Date
    package var captureSource: String
    package var receivedAt: Date
    package var archivedPath: String
    package var filed: Bool
    package var duplicateOf: Int64?
    package var detectMs: Double?
    /// For a camera whose layout has a reference photo: how far the view had moved from it, in
    /// pixels, when its spaces were read (they followed it); -1 when the reference could not be
    /// found and every space read unknown. nil: no reference, nothing followed.
    package var viewShiftPx: Double?

    package init(
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

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PhotoRecord {
    /// A view moved at least this many pixels from the layout's reference is a camera that moved.
    package static let movedAfterPx = 10.0

    /// `in_place`, `moved` or `lost`, from `viewShiftPx`; nil for a photo read without a reference.
    package var viewState: String? {
        viewShiftPx.map { $0 < 0 ? "lost" : $0 >= Self.movedAfterPx ? "moved" : "in_place" }
    }

    /// The shift to one decimal, nil when lost or without a reference.
    package var viewShiftShown: Double? {
        viewShiftPx.flatMap { $0 < 0 ? nil : ($0 * 10).rounded() / 10 }
    }
}
