import Foundation

/// Cuts one space's timeline into observed pieces of known state.
///
/// A state change holds until the space's next change, but only while its camera is observed
/// (the photos keep confirming it); `unknown` pieces are left out like camera gaps.
enum SpaceTimeline {
    /// Calls `body(start, end, state)` for each observed piece with state free or occupied, in order.
    /// `changes` must be chronological; `observed` sorted, disjoint and merged where they touch.
    static func pieces(
        _ changes: [SpaceStateChange], observed: [Range<Double>],
        body: (Double, Double, SpaceObservation) -> Void
    ) {
        var nextChange = 0
        var state = SpaceObservation.unknown
        func time(_ position: Int) -> Double { changes[position].at.timeIntervalSinceReferenceDate }
        for interval in observed {
            while nextChange < changes.count, time(nextChange) <= interval.lowerBound {
                state = changes[nextChange].state
                nextChange += 1
            }
            var cursor = interval.lowerBound
            while nextChange < changes.count, time(nextChange) < interval.upperBound {
                if state != .unknown { body(cursor, time(nextChange), state) }
                cursor = time(nextChange)
                state = changes[nextChange].state
                nextChange += 1
            }
            if state != .unknown { body(cursor, interval.upperBound, state) }
        }
    }
}

/// Turns observed pieces into sessions; an occupied stretch is complete only when observed free
/// time touches it on both sides, otherwise its ends are marked with why they are unknown.
struct SessionBuilder {
    let windowStart: Double
    let windowEnd: Double
    private(set) var sessions: [ParkingSession] = []
    private(set) var observedSeconds = 0.0
    private(set) var occupiedSeconds = 0.0
    private var lastEnd: Double?
    private var openStart: Double?
    private var openStartCut: SessionCut?

    init(windowStart: Double, windowEnd: Double) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    mutating func add(from start: Double, to end: Double, state: SpaceObservation) {
        guard end > start else { return }
        let touchesPrevious = lastEnd == start
        observedSeconds += end - start
        if state == .occupied { occupiedSeconds += end - start }
        if let lastEnd, openStart != nil, !touchesPrevious { close(at: lastEnd, cut: .unobserved) }
        if state == .occupied, openStart == nil {
            // Touching the previous piece without an open session means that piece was free.
            openStart = start
            openStartCut = touchesPrevious ? nil : (start == windowStart ? .windowEdge : .unobserved)
        } else if state == .free, openStart != nil {
            close(at: start, cut: nil)
        }
        lastEnd = end
    }

    mutating func finish() {
        guard let lastEnd, openStart != nil else { return }
        close(at: lastEnd, cut: lastEnd == windowEnd ? .windowEdge : .unobserved)
    }

    private mutating func close(at end: Double, cut: SessionCut?) {
        guard let start = openStart else { return }
        sessions.append(ParkingSession(
            start: Date(timeIntervalSinceReferenceDate: start), end: Date(timeIntervalSinceReferenceDate: end),
            startCut: openStartCut, endCut: cut))
        openStart = nil
        openStartCut = nil
    }
}

/// Collects a camera's observed time as merged intervals (validity and staleness as for counts).
struct ObservedIntervals: TimelineSink {
    private(set) var intervals: [Range<Double>] = []

    mutating func observe(from start: Double, to end: Double, occupied: Double, capacity: Int) {
        if let last = intervals.last, last.upperBound == start {
            intervals[intervals.count - 1] = last.lowerBound..<end
        } else {
            intervals.append(start..<end)
        }
    }

    mutating func sample(at instant: Double, occupied: Double, capacity: Int) {}
}
