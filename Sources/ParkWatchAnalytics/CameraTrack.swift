import Foundation

/// One camera's readings in time order, with a cursor for a forward sweep.
///
/// Reading `i` holds over `[t_i, min(t_{i+1}, t_i + maxStaleness))`; outside every hold the
/// camera is unobserved.
struct CameraTrack {
    let readings: [OccupancyReading]
    let maxStaleness: Double
    /// Index of the latest reading at or before the sweep time, -1 before the first.
    private(set) var index = -1

    init(_ readings: [OccupancyReading], maxStaleness: Double) {
        self.readings = Chronology.lastWins(readings) { $0.at }
        self.maxStaleness = maxStaleness
    }

    private func time(_ position: Int) -> Double {
        readings[position].at.timeIntervalSinceReferenceDate
    }

    /// Places the cursor at the latest reading at or before `instant` (binary search).
    mutating func seek(to instant: Double) {
        var low = 0
        var high = readings.count
        while low < high {
            let middle = (low + high) / 2
            if time(middle) <= instant { low = middle + 1 } else { high = middle }
        }
        index = low - 1
    }

    /// Moves the cursor forward to `instant`; true when a reading taken exactly then became current.
    mutating func advance(to instant: Double) -> Bool {
        while index + 1 < readings.count, time(index + 1) <= instant { index += 1 }
        return hasReading(at: instant)
    }

    /// Whether the current reading was taken exactly at `instant`.
    func hasReading(at instant: Double) -> Bool {
        index >= 0 && time(index) == instant
    }

    /// The current reading's count if it is valid and still fresh at `instant`.
    /// (Returns only the numbers: copying the reading would retain its camera string per event.)
    func observed(at instant: Double) -> LotState? {
        guard index >= 0, readings[index].isValid, instant < time(index) + maxStaleness else { return nil }
        return LotState(occupied: readings[index].occupied, capacity: readings[index].capacity)
    }

    /// The first instant after `instant` at which the camera's state can change.
    func nextChange(after instant: Double) -> Double {
        let nextReading = index + 1 < readings.count ? time(index + 1) : .infinity
        guard index >= 0 else { return nextReading }
        let expiry = time(index) + maxStaleness
        return expiry > instant ? min(nextReading, expiry) : nextReading
    }
}
