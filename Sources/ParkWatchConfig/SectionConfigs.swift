import Foundation

/// How vehicles are detected. Plain values: the vision module has its own settings type, and the
/// mapping between the two lives where both are imported.
package struct DetectorConfig: Sendable, Equatable {
    /// Minimum score for a box to count, 0...1.
    package var scoreThreshold: Double
    /// Minimum score for a faint box, 0...1: not counted, only evidence that the spaces it touches
    /// are not bare ground. At or above `scoreThreshold`: no faint boxes.
    package var faintScoreThreshold: Double
    /// Minimum score for a faint box to count in a frame lifted, stretched or sharpened, or crowded, 0...1.
    package var adjustedScoreThreshold: Double
    /// Overlap above which two boxes are one vehicle, 0...1.
    package var nmsIoU: Double
    /// Extra passes over overlapping tiles; nil (`tiles: off`) runs the whole frame only.
    package var tiles: TilesConfig?
    /// Frames whose long side is at most this many pixels are not tiled.
    package var tileWhenLongSideAbove: Int

    package init(scoreThreshold: Double = 0.3, faintScoreThreshold: Double = 0.15, adjustedScoreThreshold: Double = 0.25,
                nmsIoU: Double = 0.45, tiles: TilesConfig? = .defaults, tileWhenLongSideAbove: Int = 640) {
        self.scoreThreshold = scoreThreshold
        self.faintScoreThreshold = faintScoreThreshold
        self.adjustedScoreThreshold = adjustedScoreThreshold
        self.nmsIoU = nmsIoU
        self.tiles = tiles
        self.tileWhenLongSideAbove = tileWhenLongSideAbove
    }

    /// The values the detector was tuned with on PKLot UFPR05.
    package static let defaults = DetectorConfig()
}

package struct TilesConfig: Sendable, Equatable {
    package var columns: Int
    package var rows: Int
    /// Fraction of a tile shared with its neighbour, 0...0.9.
    package var overlap: Double

    /// The defaults are `TileGrid()`'s (ParkWatchVision, which this module does not import).
    package init(columns: Int = 4, rows: Int = 3, overlap: Double = 0.25) {
        self.columns = columns
        self.rows = rows
        self.overlap = overlap
    }

    package static let defaults = TilesConfig()
}

/// How per-space occupancy is decided and shown.
package struct SpacesConfig: Sendable, Equatable {
    /// Space classifier weights (absolute once loaded from a file); nil when the file does not
    /// say, see `Configuration.classifierPath(environment:)`.
    package var classifier: String?
    /// A space changes state after this many agreeing photos…
    package var confirmPhotos: Int
    /// …or after one photo at least this confident.
    package var confirmConfidence: Double
    /// Below this confidence a space is `unknown`.
    package var unknownBelow: Double
    /// Save an overlay PNG beside each archived photo.
    package var overlays: Bool
    /// Re-read only the spaces that changed since the camera's last photo…
    package var gating: Bool
    /// …with every space read again at least this often (seconds of capture time).
    package var fullPassEvery: Double
    /// …and at most this many detector tiles per frame looking closer at the spaces left in doubt;
    /// nil: every tile a photo's doubt needs, and a stream's own limit (`ChangeGate.Settings`).
    package var closerLookTiles: Int?

    package init(classifier: String? = nil, confirmPhotos: Int = 2, confirmConfidence: Double = 0.9, unknownBelow: Double = 0.6,
                overlays: Bool = true, gating: Bool = true, fullPassEvery: Double = 900, closerLookTiles: Int? = nil) {
        self.classifier = classifier
        self.confirmPhotos = confirmPhotos
        self.confirmConfidence = confirmConfidence
        self.unknownBelow = unknownBelow
        self.overlays = overlays
        self.gating = gating
        self.fullPassEvery = fullPassEvery
        self.closerLookTiles = closerLookTiles
    }

    package static let defaults = SpacesConfig()
}

/// One camera, with the top-level settings it does not override already filled in.
package struct CameraConfig: Sendable, Equatable {
    /// The inbox folder name.
    package var id: String
    /// Absolute path of the space layout JSON, if any.
    package var layout: String?
    /// Lot the camera watches; several cameras may share one. Defaults to the camera id.
    package var lot: String
    /// Number of spaces, for cameras without a layout.
    package var capacity: Int?
    package var timeZone: TimeZone
    /// The top-level detector with this camera's overrides applied.
    package var detector: DetectorConfig
    /// The top-level `light_correction`, unless the camera says otherwise.
    package var lightCorrection: Bool
    /// Stream URL to sample instead of waiting for uploads.
    package var stream: String?
    /// Seconds between stream samples.
    package var every: Double?
    /// Days archived photos are kept: the camera's own value, else `retention.archive_days`; nil keeps them.
    package var archiveDays: Int?
    /// For a camera that uploads photos: seconds without one after which it counts as dark
    /// (the webhooks' `camera_offline`).
    package var offlineAfter: Double

    package init(id: String, layout: String? = nil, lot: String? = nil, capacity: Int? = nil,
                timeZone: TimeZone = .utc, detector: DetectorConfig = .defaults, lightCorrection: Bool = true, stream: String? = nil,
                every: Double? = nil, archiveDays: Int? = nil, offlineAfter: Double = 900) {
        self.id = id
        self.layout = layout
        self.lot = lot ?? id
        self.capacity = capacity
        self.timeZone = timeZone
        self.detector = detector
        self.lightCorrection = lightCorrection
        self.stream = stream
        self.every = every
        self.archiveDays = archiveDays
        self.offlineAfter = offlineAfter
    }
}

package struct RetentionConfig: Sendable, Equatable {
    /// Days archived photos are kept; nil (the default) never deletes anything.
    package var archiveDays: Int?

    package init(archiveDays: Int? = nil) {
        self.archiveDays = archiveDays
    }

    package static let defaults = RetentionConfig()
}

package struct WebConfig: Sendable, Equatable {
    package var host: String
    package var port: Int
    /// Bearer token required by write endpoints; nil leaves them unprotected.
    package var token: String?

    package init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    package static let defaults = WebConfig()
}
