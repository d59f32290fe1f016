import ParkWatchVision

/// Milliseconds spent in each stage of one photo or stream sample.
package struct StageTimings: Sendable, Equatable {
    package var read = 0.0
    package var decode = 0.0
    package var detect = 0.0
    package var spaces = 0.0
    package var store = 0.0
    package var move = 0.0

    package init(read: Double = 0, decode: Double = 0, detect: Double = 0, spaces: Double = 0, store: Double = 0, move: Double = 0) {
        (self.read, self.decode, self.detect, self.spaces, self.store, self.move) = (read, decode, detect, spaces, store, move)
    }

    package var total: Double { read + decode + detect + spaces + store + move }

    /// Runs `body`, adding its wall time to the stage at `stage`.
    package mutating func measure<T>(
        _ stage: WritableKeyPath<StageTimings, Double>, _ body: () async throws -> T
    ) async rethrows -> T {
        let start = ContinuousClock.now
        defer { self[keyPath: stage] += (ContinuousClock.now - start).inMilliseconds }
        return try await body()
    }
}
