import Foundation
import GRDB

/// A person's verdict on one space of a stored photo.
package struct SpaceLabelRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "space_label"
    package var photoId: Int64
    package var space: String
    package var occupied: Bool
    package var labelledAt: Date

    package init(photoId: Int64, space: String, occupied: Bool, labelledAt: Date) {
        self.photoId = photoId
        self.space = space
        self.occupied = occupied
        self.labelledAt = labelledAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A camera's fitted fusion weights (JSON), its spaces' labelled empty looks (JSON, nil for none),
/// whether its detector boxed the labelled vehicles, and how many labelled spaces they were fitted on.
package struct CameraFusionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "camera_fusion"
    package var camera: String
    package var weights: String
    package var emptyLooks: String?
    package var sideView: Bool
    package var labels: Int
    package var fittedAt: Date

    package init(camera: String, weights: String, emptyLooks: String? = nil, sideView: Bool = false, labels: Int, fittedAt: Date) {
        self.camera = camera
        self.weights = weights
        self.emptyLooks = emptyLooks
        self.sideView = sideView
        self.labels = labels
        self.fittedAt = fittedAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

/// A labelled photo: its row and each labelled space's verdict.
package struct LabelledPhoto: Sendable, Equatable {
    package var photo: PhotoRecord
    package var labels: [String: Bool]
}

/// What a camera learnt from its unlabelled frames (JSON) and from how many.
package struct CameraHistoryRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "camera_history"
    package var camera: String
    package var adaptation: String
    package var frames: Int
    package var updatedAt: Date

    package init(camera: String, adaptation: String, frames: Int, updatedAt: Date) {
        self.camera = camera
        self.adaptation = adaptation
        self.frames = frames
        self.updatedAt = updatedAt
    }

    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
