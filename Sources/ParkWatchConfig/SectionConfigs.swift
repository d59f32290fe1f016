import Foundation

/// How vehicles are detected. Plain values: the vision module has its own settings type, and the
/// mapping between the two lives where both are imported.
public struct DetectorConfig: Sendable, Equatable {
    /// Minimum score for a box to count, 0...1.
    public var scoreThreshold: Double
    /// Overlap above which two boxes are one vehicle, 0...1.
    public var nmsIoU: Double
    /// Extra passes over overlapping tiles; nil (`tiles: off`) runs the whole frame only.
    public var tiles: TilesConfig?
    /// Frames whose long side is at most this many pixels are not tiled.
    public var tileWhenLongSideAbove: Int

    public init(scoreThreshold: Double = 0.3, nmsIoU: Double = 0.45, tiles: TilesConfig? = .defaults,
                tileWhenLongSideAbove: Int = 640) {
        self.scoreThreshold = scoreThreshold
        self.nmsIoU = nmsIoU
        self.tiles = tiles
        self.tileWhenLongSideAbove = tileWhenLongSideAbove
    }

    /// The values the detector was tuned with on PKLot UFPR05.
    public static let defaults = DetectorConfig()
}

public struct TilesConfig: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    /// Fraction of a tile shared with its neighbour, 0...0.9.
    public var overlap: Double

    /// The defaults are `TileGrid()`'s (ParkWatchVision, which this module does not import).
    public init(columns: Int = 4, rows: Int = 3, overlap: Double = 0.25) {
        self.columns = columns
        self.rows = rows
        self.overlap = overlap
    }

    public static let defaults = TilesConfig()
}

/// How per-space occupancy is decided and shown.
public struct SpacesConfig: Sendable, Equatable {
    /// Space classifier weights (absolute once loaded from a file); nil when the file does not
    /// say, see `Configuration.classifierPath(environment:)`.
    public var classifier: String?
    /// A space changes state after this many agreeing photos…
    public var confirmPhotos: Int
    /// …or after one photo at least this confident.
    public var confirmConfidence: Double
    /// Below this confidence a space is `unknown`.
    public var unknownBelow: Double
    /// Save an overlay PNG beside each archived photo.
    public var overlays: Bool

    public init(classifier: String? = nil, confirmPhotos: Int = 2,
                confirmConfidence: Double = 0.9, unknownBelow: Double = 0.6, overlays: Bool = true) {
        self.classifier = classifier
        self.confirmPhotos = confirmPhotos
        self.confirmConfidence = confirmConfidence
        self.unknownBelow = unknownBelow
        self.overlays = overlays
    }

    public static let defaults = SpacesConfig()
}

/// One camera, with the top-level settings it does not override already filled in.
public struct CameraConfig: Sendable, Equatable {
    /// The inbox folder name.
    public var id: String
    /// Absolute path of the space layout JSON, if any.
    public var layout: String?
    /// Lot the camera watches; several cameras may share one. Defaults to the camera id.
    public var lot: String
    /// Number of spaces, for cameras without a layout.
    public var capacity: Int?
    public var timeZone: TimeZone
    /// The top-level detector with this camera's overrides applied.
    public var detector: DetectorConfig
    /// Stream URL to sample instead of waiting for uploads.
    public var stream: String?
    /// Seconds between stream samples.
    public var every: Double?
    /// Days archived photos are kept: the camera's own value, else `retention.archive_days`; nil keeps them.
    public var archiveDays: Int?

    public init(id: String, layout: String? = nil, lot: String? = nil, capacity: Int? = nil,
                timeZone: TimeZone = .utc, detector: DetectorConfig = .defaults, stream: String? = nil,
                every: Double? = nil, archiveDays: Int? = nil) {
        self.id = id
        self.layout = layout
        self.lot = lot ?? id
        self.capacity = capacity
        self.timeZone = timeZone
        self.detector = detector
        self.stream = stream
        self.every = every
        self.archiveDays = archiveDays
    }
}

public struct RetentionConfig: Sendable, Equatable {
    /// Days archived photos are kept; nil (the default) never deletes anything.
    public var archiveDays: Int?

    public init(archiveDays: Int? = nil) {
        self.archiveDays = archiveDays
    }

    public static let defaults = RetentionConfig()
}

public struct WebConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Bearer token required by write endpoints; nil leaves them unprotected.
    public var token: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    public static let defaults = WebConfig()
}
