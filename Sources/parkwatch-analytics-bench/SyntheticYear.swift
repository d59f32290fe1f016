import Foundation
import ParkWatchAnalytics

/// Deterministic pseudo-random numbers (SplitMix64), so every run times the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// A year of one-photo-per-minute readings for several cameras, with per-space state changes
/// consistent with the counts, camera outages, and a few `unknown` classifications.
struct SyntheticYear {
    let start: Date
    let minutes: Int
    var readingsByCamera: [String: [OccupancyReading]] = [:]
    /// Ordered by camera, space, time, as the store returns them.
    var changes: [SpaceStateChange] = []

    init(cameras: Int, spacesPerCamera: Int, days: Int, start: Date) {
        self.start = start
        minutes = days * 24 * 60
        var random = SplitMix64(state: 2024)
        for cameraIndex in 0..<cameras {
            let camera = String(format: "cam%02d", cameraIndex)
            var occupiedDelta = [Int](repeating: 0, count: minutes + 1)
            for spaceIndex in 0..<spacesPerCamera {
                let space = String(format: "s%03d", spaceIndex)
                appendChanges(camera: camera, space: space, delta: &occupiedDelta, random: &random)
            }
            readingsByCamera[camera] = photoReadings(camera: camera, capacity: spacesPerCamera, delta: occupiedDelta, random: &random)
        }
    }

    func date(_ minute: Int) -> Date { start.addingTimeInterval(Double(minute) * 60) }

    /// Alternating free and occupied stretches; occupancy changes are recorded in `delta`.
    private mutating func appendChanges(camera: String, space: String, delta: inout [Int], random: inout SplitMix64) {
        var minute = 0
        var occupied = false
        while minute < minutes {
            let unknown = Int.random(in: 0..<100, using: &random) == 0
            let state: SpaceObservation = unknown ? .unknown : (occupied ? .occupied : .free)
            changes.append(SpaceStateChange(camera: camera, space: space, at: date(minute), state: state))
            let length = unknown ? Int.random(in: 1...30, using: &random)
                : occupied ? Int.random(in: 15...480, using: &random) : Int.random(in: 5...300, using: &random)
            let end = min(minute + length, minutes)
            if state == .occupied {
                delta[minute] += 1
                delta[end] -= 1
            }
            minute = end
            if !unknown { occupied.toggle() }
        }
    }

    /// One reading a minute with the running occupied count, minus a 1–3 hour outage every ~9 days.
    private func photoReadings(camera: String, capacity: Int, delta: [Int], random: inout SplitMix64) -> [OccupancyReading] {
        var readings: [OccupancyReading] = []
        readings.reserveCapacity(minutes)
        var occupied = 0
        var outageEnd = -1
        for minute in 0..<minutes {
            occupied += delta[minute]
            if Int.random(in: 0..<13_000, using: &random) == 0 { outageEnd = minute + Int.random(in: 60...180, using: &random) }
            if minute < outageEnd { continue }
            readings.append(OccupancyReading(camera: camera, at: date(minute), occupied: Double(occupied), capacity: capacity))
        }
        return readings
    }
}
