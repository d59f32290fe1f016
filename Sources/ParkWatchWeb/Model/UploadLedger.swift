import Foundation

/// Uploads this process accepted and the watcher may not have stored yet, so `GET
/// /api/photos/{id}` can tell "pending" from "never heard of it". Bounded: the oldest entries
/// go first. After a restart an upload not yet processed answers 404 until its row exists.
actor UploadLedger {
    private var order: [String] = []
    private var known: Set<String> = []
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func record(_ id: String) {
        guard known.insert(id).inserted else { return }
        order.append(id)
        if order.count > capacity { known.remove(order.removeFirst()) }
    }

    func contains(_ id: String) -> Bool { known.contains(id) }
}
