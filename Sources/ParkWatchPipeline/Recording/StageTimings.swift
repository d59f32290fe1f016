import ParkWatchVision

/// Milliseconds spent in each stage of one photo or stream sample.
public struct StageTimings: Sendable, Equatable {
    public var read = 0.0
    public var decode = 0.0
    public var detect = 0.0
    public var spaces = 0.0
    public var store = 0.0
    public var move = 0.0

    public init(read: Double = 0, decode: Double = 0, detect: Double = 0, spaces: Double = 0, store: Double = 0, move: Double = 0) {
        (self.read, self.decode, self.detect, self.spaces, self.store, self.move) = (read, decode, detect, spaces, store, move)
    }

    public var total: Double { read + decode + detect + spaces + store + move }

    /// Runs `body`, adding its wall time to the stage at `stage`.
    public mutating func measure<T>(
        _ stage: WritableKeyPath<StageTimings, Double>, _ body: () async throws -> T
    ) async rethrows -> T {
        let start = ContinuousClock.now
        defer { self[keyPath: stage] += (ContinuousClock.now - start).inMilliseconds }
        return try await body()
    }
}
