import Foundation
import GRDB

extension ParkWatchDatabase {
    /// Each receiver's oldest undelivered event: the only one of its events that may be sent
    /// now, so that a receiver sees its events in the order they happened, retries included.
    package func webhookQueueHeads() async throws(StoreError) -> [WebhookOutboxRecord] {
        try await read { db in
            try WebhookOutboxRecord.fetchAll(db, sql: """
                SELECT * FROM webhook_outbox WHERE id IN
                    (SELECT MIN(id) FROM webhook_outbox WHERE delivered_at IS NULL GROUP BY target)
                ORDER BY id
                """)
        }
    }

    package func webhookDelivered(id: Int64, at time: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                arguments: [time, id])
        }
    }

    package func webhookFailed(id: Int64, retryAt: Date, error: String) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [retryAt, error, id])
        }
    }

    /// Forgets events delivered before `cutoff`; undelivered ones stay whatever their age.
    @discardableResult
    package func pruneDeliveredWebhookEvents(before cutoff: Date) async throws(StoreError) -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM webhook_outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    /// Every event, oldest first (for status and tests).
    package func webhookEvents() async throws(StoreError) -> [WebhookOutboxRecord] {
        try await read { db in try WebhookOutboxRecord.order(Column("id")).fetchAll(db) }
    }

    /// Events of sources other than a reading (a photo refused, a camera going dark), in a
    /// transaction of their own.
    package func enqueueWebhookEvents(_ events: [WebhookOutboxRecord]) async throws(StoreError) {
        guard !events.isEmpty else { return }
        try await write { db in for var event in events { try event.insert(db) } }
    }

    /// The newest capture time of a counted photo of each camera (nil: none yet), and the
    /// cameras' stored dark-or-not states.
    package func uploadActivity(cameras: [String]) async throws(StoreError) -> (latest: [String: Date], states: [String: UploadCameraStateRecord]) {
        try await read { db in
            var latest: [String: Date] = [:]
            for camera in cameras {
                latest[camera] = try Date.fetchOne(
                    db, sql: "SELECT MAX(captured_at) FROM photo WHERE camera = ? AND status = 'ok'", arguments: [camera])
            }
            let states = try UploadCameraStateRecord.fetchAll(db)
            return (latest, Dictionary(states.map { ($0.camera, $0) }, uniquingKeysWith: { $1 }))
        }
    }

    /// A camera's new state with the events it causes, in one transaction.
    package func setUploadCameraState(_ state: UploadCameraStateRecord, events: [WebhookOutboxRecord]) async throws(StoreError) {
        try await write { db in
            try state.save(db)
            for var event in events { try event.insert(db) }
        }
    }
}
