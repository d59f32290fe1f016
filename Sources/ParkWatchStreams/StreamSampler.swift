/// Picks the frames to analyse by time, never by frame count: a camera sending 5 or 30 frames a
/// second is sampled at the same rate. `time` is in seconds on one timeline: a file's own
/// timestamps, or the wall clock for a live stream.
package struct StreamSampler: Sendable, Equatable {
    /// Seconds between samples; 0 analyses every frame.
    package let interval: Double
    package private(set) var nextDue: Double?

    /// Frame timestamps are rounded by containers; a frame this early still counts as on time.
    static let tolerance = 0.001

    package init(every interval: Double) {
        self.interval = max(interval, 0)
    }

    /// Whether the frame at `time` is to be analysed. The first frame always is; after it, the
    /// first frame at or after each due time. Due times stay on their grid (0, 10, 20 s …), and
    /// after a gap (a reconnect, a seek) the grid restarts from the frame that ended it.
    package mutating func isDue(at time: Double) -> Bool {
        guard let due = nextDue else {
            nextDue = time + interval
            return true
        }
        if time < due - Self.tolerance {
            // A timeline that went backwards (a file looping, a restarted stream) starts over.
            if time + interval < due - Self.tolerance { nextDue = time + interval; return true }
            return false
        }
        let following = due + interval
        nextDue = following > time ? following : time + interval
        return true
    }

    /// Seconds from `time` until the next sample is due (0 when it is due now): how long a
    /// polled source (a snapshot URL) waits before its next request.
    package func wait(at time: Double) -> Double {
        guard let nextDue else { return 0 }
        return max(0, nextDue - time)
    }
}
