import Foundation
import ParkWatchVision
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SnapshotSource {
    /// One blocking GET; runs on the connection's own thread, never on the cooperative pool.
    static func fetch(_ url: URL, timeout: Duration) throws(StreamError) -> Data {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout.inSeconds
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let box = FetchResult()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        done.wait()
        let (data, status, error) = box.get()
        if let error { throw .snapshotFailed(url: url.absoluteString, reason: error.localizedDescription) }
        guard let status, (200..<300).contains(status) else {
            throw .snapshotFailed(url: url.absoluteString, reason: "HTTP status \(status.map { "\($0)" } ?? "none")")
        }
        guard let data, !data.isEmpty else { throw .snapshotFailed(url: url.absoluteString, reason: "empty body") }
        return data
    }
}

/// The completion handler's answer, handed from URLSession's thread to the waiting one.
private final class FetchResult: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var status: Int?
    private var error: (any Error)?

    func set(data: Data?, status: Int?, error: (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        self.data = data
        self.status = status
        self.error = error
    }

    func get() -> (Data?, Int?, (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        return (data, status, error)
    }
}
