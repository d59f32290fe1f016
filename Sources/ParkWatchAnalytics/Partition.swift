import Foundation

/// Consecutive intervals covering a window, each credited to a slot (a bucket, an hour of day…).
struct Partition {
    /// `intervalCount + 1` increasing instants; the first is the window start, the last its end.
    var boundaries: [Double]
    var slotOfInterval: [Int]
    var slotCount: Int

    var intervalCount: Int { slotOfInterval.count }

    static func whole(_ window: AnalyticsWindow) -> Partition {
        Partition(boundaries: [window.start, window.end], slotOfInterval: [0], slotCount: 1)
    }

    /// Index of the interval holding `instant`, searching forward from `hint` (sweeps only go forward).
    func interval(containing instant: Double, from hint: Int) -> Int {
        var position = hint
        while position + 1 < intervalCount, boundaries[position + 1] <= instant { position += 1 }
        return position
    }
}

/// A sink that splits the timeline at the partition's boundaries and accumulates each slot.
struct PartitionedAccumulator: TimelineSink {
    let partition: Partition
    private(set) var slots: [SummaryAccumulator]
    // Separate cursors: samples and intervals each arrive in order, but not interleaved in order.
    private var observeCursor = 0
    private var sampleCursor = 0

    init(_ partition: Partition, fullThreshold: Double) {
        self.partition = partition
        slots = Array(repeating: SummaryAccumulator(fullThreshold: fullThreshold), count: partition.slotCount)
        for interval in 0..<partition.intervalCount {
            let length = partition.boundaries[interval + 1] - partition.boundaries[interval]
            slots[partition.slotOfInterval[interval]].windowSeconds += length
        }
    }

    mutating func observe(from start: Double, to end: Double, occupied: Double, capacity: Int) {
        var pieceStart = start
        while pieceStart < end {
            observeCursor = partition.interval(containing: pieceStart, from: observeCursor)
            let isLast = observeCursor + 1 == partition.intervalCount
            let pieceEnd = isLast ? end : min(end, partition.boundaries[observeCursor + 1])
            let slot = partition.slotOfInterval[observeCursor]
            slots[slot].addObserved(from: pieceStart, to: pieceEnd, occupied: occupied, capacity: capacity)
            pieceStart = pieceEnd
        }
    }

    mutating func sample(at instant: Double, occupied: Double, capacity: Int) {
        sampleCursor = partition.interval(containing: instant, from: sampleCursor)
        slots[partition.slotOfInterval[sampleCursor]].addSample(occupied: occupied, capacity: capacity)
    }
}
