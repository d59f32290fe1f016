import Foundation
import ParkWatchStore
import ParkWatchWebhooks

/// Writes a camera's connection state to the store as it changes, with `camera_offline` when it
/// goes dark and `camera_online` when it comes back, for the webhooks that asked.
package struct HealthReporter: Sendable {
    let store: ParkWatchDatabase
    let camera: String
    let source: String
    let webhooks: WebhookEvents

    package init(store: ParkWatchDatabase, camera: String, source: String, webhooks: WebhookEvents = WebhookEvents(targets: [])) {
        self.store = store
        self.camera = camera
        self.source = source
        self.webhooks = webhooks
    }

    /// Connected and the first frame read. Every connection after the first this row saw is a reconnect.
    package func online(at now: Date) async throws {
        let previous = try await store.cameraHealth(camera: camera)
        let events = previous?.state == .offline ? webhooks.events("camera_online", fields: [
            "camera": camera, "at": ISOTime.format(now), "offline_since": previous?.offlineSince.map(ISOTime.format) ?? "",
        ], now: now) : []
        try await store.saveCameraHealth(CameraHealthRecord(
            camera: camera, source: source, state: .online, onlineSince: now, offlineSince: nil,
            lastFrameAt: now, lastError: previous?.lastError, reconnects: previous.map { $0.reconnects + 1 } ?? 0,
            updatedAt: now), events: events)
    }

    /// Failed to connect, or the connection broke. The outage starts at its first failure.
    package func offline(_ error: String, at now: Date) async throws {
        let previous = try await store.cameraHealth(camera: camera)
        let events = previous?.state != .offline ? webhooks.events("camera_offline", fields: [
            "camera": camera, "at": ISOTime.format(now), "reason": error,
        ], now: now) : []
        try await offline(error, at: now, previous: previous, events: events)
    }

    /// The service shut down. Only an online camera changes: an outage keeps its own cause. The
    /// camera did not go dark, so no webhook hears of it.
    package func stopped(at now: Date) async throws {
        let previous = try await store.cameraHealth(camera: camera)
        guard previous?.state == .online else { return }
        try await offline("stopped", at: now, previous: previous)
    }

    private func offline(_ error: String, at now: Date, previous: CameraHealthRecord?, events: [WebhookOutboxRecord] = []) async throws {
        let since = previous?.state == .offline ? (previous?.offlineSince ?? now) : now
        try await store.saveCameraHealth(CameraHealthRecord(
            camera: camera, source: source, state: .offline, onlineSince: nil, offlineSince: since,
            lastFrameAt: previous?.lastFrameAt, lastError: error, reconnects: previous?.reconnects ?? 0, updatedAt: now),
            events: events)
    }
}
