import Foundation
import GRDB

/// A person's verdict on one space of a stored photo.
public struct SpaceLabelRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "space_label"
    public var photoId: Int64
    public var space: String
    public var occupied: Bool
    public var labelledAt: Date

    public init(photoId: Int64, space: String, occupied: Bool, labelledAt: Date) {
        self.photoId = photoId
        self.space = space
        self.occupied = occupied
        self.labelledAt = labelledAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A camera's fitted fusion weights (JSON) and how many labelled spaces they were fitted on.
public struct CameraFusionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "camera_fusion"
    public var camera: String
    public var weights: String
    public var labels: Int
    public var fittedAt: Date

    public init(camera: String, weights: String, labels: Int, fittedAt: Date) {
        self.camera = camera
        self.weights = weights
        self.labels = labels
        self.fittedAt = fittedAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A labelled photo: its row and each labelled space's verdict.
public struct LabelledPhoto: Sendable, Equatable {
    public var photo: PhotoRecord
    public var labels: [String: Bool]
}
