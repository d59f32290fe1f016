import Dispatch
import Foundation
import ParkWatchVision

/// One connection to a source. Its blocking calls run on a serial queue of its own, never on
/// the cooperative pool, each under a watchdog: a call that has not answered after `stallAfter`
/// is abandoned and reported as a stall. An abandoned call keeps only this connection's queue
/// busy; the next connection gets a fresh one, and the old source is freed when its call returns.
final class StreamConnection: Sendable {
    let source: any FrameSource
    let stallAfter: Duration
    private let queue: DispatchQueue

    private init(source: any FrameSource, queue: DispatchQueue, stallAfter: Duration) {
        self.source = source
        self.queue = queue
        self.stallAfter = stallAfter
    }

    /// Opens `open()`'s source under the watchdog.
    static func open(
        name: String, stallAfter: Duration, _ open: @escaping @Sendable () throws(StreamError) -> any FrameSource
    ) async throws -> StreamConnection {
        let queue = DispatchQueue(label: "parkwatch.stream.\(name)", qos: .userInitiated)
        let source = try await watched(on: queue, name: name, limit: stallAfter) { () throws(StreamError) in try open() }
        return StreamConnection(source: source, queue: queue, stallAfter: stallAfter)
    }

    func advance() async throws -> Double? {
        let source = self.source
        return try await Self.watched(on: queue, name: source.name, limit: stallAfter) { () throws(StreamError) in try source.advance() }
    }

    func decode() async throws -> Image {
        let source = self.source
        return try await Self.watched(on: queue, name: source.name, limit: stallAfter) { () throws(StreamError) in try source.decode() }
    }

    /// Runs `body` on `queue`; whichever comes first wins: its answer, the watchdog, or cancellation.
    static func watched<T: Sendable>(
        on queue: DispatchQueue, name: String, limit: Duration, _ body: @escaping @Sendable () throws(StreamError) -> T
    ) async throws -> T {
        let once = OnceFlag<T>()
        let seconds = limit.inSeconds
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<T>, Never>) in
                once.arm(continuation)
                queue.async {
                    do throws(StreamError) { once.finish(.value(try body())) } catch { once.finish(.failed(error)) }
                }
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    once.finish(.failed(.stalled(source: name, seconds: seconds)))
                }
            }
        } onCancel: {
            once.cancel()
        }
        switch outcome {
        case .value(let value): return value
        case .failed(let error): throw error
        case .cancelled: throw CancellationError()
        }
    }
}

/// How a watched call ended.
enum Outcome<T: Sendable>: Sendable {
    case value(T)
    case failed(StreamError)
    case cancelled
}

/// Resumes a continuation exactly once, from whichever thread gets there first.
private final class OnceFlag<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Outcome<T>, Never>?
    private var cancelledEarly = false
    private var finished = false

    func arm(_ continuation: CheckedContinuation<Outcome<T>, Never>) {
        lock.lock()
        if cancelledEarly {
            finished = true
            lock.unlock()
            continuation.resume(returning: .cancelled)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func finish(_ outcome: Outcome<T>) {
        lock.lock()
        guard !finished, let continuation else { lock.unlock(); return }
        finished = true
        self.continuation = nil
        lock.unlock()
        continuation.resume(returning: outcome)
    }

    /// Cancellation can come before `arm`; then `arm` resumes at once.
    func cancel() {
        lock.lock()
        if continuation == nil, !finished {
            cancelledEarly = true
            lock.unlock()
            return
        }
        lock.unlock()
        finish(.cancelled)
    }
}
