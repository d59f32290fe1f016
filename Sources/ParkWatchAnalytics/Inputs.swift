import Foundation

/// One photo's count for one camera.
///
/// `occupied` is the number of occupied spaces (or of vehicles, for a camera without a layout);
/// `capacity` is the number of spaces in the layout (or the configured capacity).
/// A reading with `capacity <= 0` or a negative or non-finite `occupied` is invalid: it observes
/// nothing, but it still ends the hold of the reading before it (the camera did take a photo).
package struct OccupancyReading: Sendable, Equatable {
    package var camera: String
    package var at: Date
    package var occupied: Double
    package var capacity: Int

    package init(camera: String, at: Date, occupied: Double, capacity: Int) {
        self.camera = camera
        self.at = at
        self.occupied = occupied
        self.capacity = capacity
    }

    var isValid: Bool { capacity > 0 && occupied.isFinite && occupied >= 0 }
}

/// What the classifier said about one space.
package enum SpaceObservation: String, Sendable, Equatable, Codable {
    case occupied, free, unknown
}

/// A space's state from `at` on (rows are stored only when the state changes).
package struct SpaceStateChange: Sendable, Equatable {
    package var camera: String
    package var space: String
    package var at: Date
    package var state: SpaceObservation

    package init(camera: String, space: String, at: Date, state: SpaceObservation) {
        self.camera = camera
        self.space = space
        self.at = at
        self.state = state
    }
}

/// The half-open interval `[from, to)` a report covers, and how to read it.
package struct AnalyticsWindow: Sendable, Equatable {
    package var from: Date
    package var to: Date
    /// Calendar buckets and profiles use local time in this zone; storage stays UTC.
    package var timeZone: TimeZone
    /// A reading holds until the camera's next reading, but never longer than this.
    package var maxStaleness: TimeInterval
    /// Occupancy rate at or above which a lot counts as effectively full.
    package var fullThreshold: Double

    package init(
        from: Date, to: Date, timeZone: TimeZone = .gmt,
        maxStaleness: TimeInterval = 900, fullThreshold: Double = 0.85
    ) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.maxStaleness = maxStaleness
        self.fullThreshold = fullThreshold
    }

    /// Seconds since the reference date; an inverted window is treated as empty.
    var start: Double { from.timeIntervalSinceReferenceDate }
    var end: Double { max(start, to.timeIntervalSinceReferenceDate) }

    /// The same settings over another interval (used for buckets and for splitting).
    package func with(from: Date, to: Date) -> AnalyticsWindow {
        var copy = self
        copy.from = from
        copy.to = to
        return copy
    }
}
