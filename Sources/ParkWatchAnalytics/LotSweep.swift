import Foundation

/// Receives a lot's observed timeline in time order: intervals of constant occupancy, and samples.
protocol TimelineSink {
    mutating func observe(from start: Double, to end: Double, occupied: Double, capacity: Int)
    mutating func sample(at instant: Double, occupied: Double, capacity: Int)
}

/// Occupancy of all cameras of a lot added up at one instant.
struct LotState: Equatable {
    var occupied: Double
    var capacity: Int
}

/// Walks all cameras of a lot forward together in one pass over their sorted readings.
///
/// The lot is observed only while every camera is observed; then occupied spaces and capacity
/// add up across cameras. A lot sample is taken at each instant at which some camera delivers
/// a reading and all cameras are observed right after it.
enum LotSweep {
    static func run<Sink: TimelineSink>(
        _ readingsByCamera: [String: [OccupancyReading]], window: AnalyticsWindow, into sink: inout Sink
    ) {
        // Sorted camera order makes the floating-point sums identical from run to run.
        var tracks = readingsByCamera.keys.sorted().map {
            CameraTrack(readingsByCamera[$0] ?? [], maxStaleness: window.maxStaleness)
        }
        sweep(&tracks, from: window.start, to: window.end, into: &sink)
    }

    static func sweep<Sink: TimelineSink>(
        _ tracks: inout [CameraTrack], from: Double, to: Double, into sink: inout Sink
    ) {
        guard !tracks.isEmpty, from < to else { return }
        for position in tracks.indices { tracks[position].seek(to: from) }
        var now = from
        var pending = PendingObservation()
        while now < to {
            let moment = tracks.withUnsafeMutableBufferPointer { buffer in
                advanceAll(&buffer, to: now, windowEnd: to)
            }
            if moment.delivered, let state = moment.state {
                sink.sample(at: now, occupied: state.occupied, capacity: state.capacity)
            }
            pending.record(moment.state, from: now, to: moment.next, into: &sink)
            now = moment.next
        }
        pending.flush(into: &sink)
    }

    /// Moves every track to `now` and reads the lot there, in one pass over the tracks (this
    /// loop runs once per reading, so it avoids array copies and repeated passes).
    private static func advanceAll(
        _ tracks: inout UnsafeMutableBufferPointer<CameraTrack>, to now: Double, windowEnd: Double
    ) -> (state: LotState?, delivered: Bool, next: Double) {
        var delivered = false
        var next = windowEnd
        var lot: LotState? = LotState(occupied: 0, capacity: 0)
        for position in tracks.indices {
            if tracks[position].advance(to: now) { delivered = true }
            next = min(next, tracks[position].nextChange(after: now))
            if lot != nil, let camera = tracks[position].observed(at: now) {
                lot?.occupied += camera.occupied
                lot?.capacity += camera.capacity
            } else {
                lot = nil
            }
        }
        return (lot, delivered, next)
    }
}

/// Joins back-to-back intervals of equal occupancy before they reach the sink, which saves
/// most of the per-interval work when counts change less often than photos arrive.
private struct PendingObservation {
    var start = 0.0
    var end = 0.0
    var state: LotState?

    mutating func record<Sink: TimelineSink>(_ next: LotState?, from: Double, to: Double, into sink: inout Sink) {
        guard let next else { return flush(into: &sink) }
        if state == next, end == from {
            end = to
            return
        }
        flush(into: &sink)
        (start, end, state) = (from, to, next)
    }

    mutating func flush<Sink: TimelineSink>(into sink: inout Sink) {
        if let state { sink.observe(from: start, to: end, occupied: state.occupied, capacity: state.capacity) }
        state = nil
    }
}
