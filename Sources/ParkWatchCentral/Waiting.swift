import Foundation
import Synchronization

/// `body`'s result, or `CentralError.timedOut` once `limit` has passed. At the limit `body` is
/// cancelled and left behind: a task group would wait for it to finish, and a query stuck where
/// it does not look at cancellation would then hold its caller (a forwarder that never stops, a
/// web request that never answers) for ever.
func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let work = Task { try await body() }
    let outcome = FirstOutcome<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            outcome.wait(with: continuation)
            let timer = Task {
                try await Task.sleep(for: limit)
                if outcome.settle(.failure(CentralError.timedOut(after: limit))) { work.cancel() }
            }
            // A body that answers in time ends the timer too, rather than leaving it asleep for the limit.
            Task {
                outcome.settle(await work.result)
                timer.cancel()
            }
        }
    } onCancel: {
        work.cancel()
        outcome.settle(.failure(CancellationError()))
    }
}

/// The first of several results, handed to one waiting continuation exactly once.
private final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var waiting: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var delivered = false
    }

    private let state = Mutex(State())

    func wait(with continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = state.withLock { state in
            guard let result = state.result, !state.delivered else {
                state.waiting = continuation
                return nil
            }
            state.delivered = true
            return result
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// True when `result` is the first one.
    @discardableResult
    func settle(_ result: Result<T, any Error>) -> Bool {
        let (first, waiting): (Bool, CheckedContinuation<T, any Error>?) = state.withLock { state in
            guard state.result == nil else { return (false, nil) }
            state.result = result
            guard let waiting = state.waiting else { return (true, nil) }
            state.waiting = nil
            state.delivered = true
            return (true, waiting)
        }
        waiting?.resume(with: result)
        return first
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
