import Foundation

/// `body`'s result, or `CentralError.timedOut` once `limit` has passed (`body` is cancelled).
func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next(), let value = result else { throw CentralError.timedOut(after: limit) }
        return value
    }
}

/// The waits between failed attempts, and whether a failure is news worth a log line: the first
/// of an outage and each new reason are; the same reason again is not.
struct Outage {
    let firstWait: Duration
    let longestWait: Duration
    private var wait: Duration?
    private var reason: String?
    private var since: Date?

    init(firstWait: Duration, longestWait: Duration) {
        self.firstWait = firstWait
        self.longestWait = longestWait
    }

    mutating func failed(reason: String, log: (String) -> Void) -> Duration {
        if reason != self.reason { log(reason) }
        self.reason = reason
        since = since ?? Date()
        let next = wait.map { min($0 * 2, longestWait) } ?? firstWait
        wait = next
        return next
    }

    /// How long the outage that just ended lasted, or nil when there was none.
    mutating func ended() -> TimeInterval? {
        defer { (wait, reason, since) = (nil, nil, nil) }
        return since.map { Date().timeIntervalSince($0) }
    }
}
