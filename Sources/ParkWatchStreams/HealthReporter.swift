import Foundation
import ParkWatchStore

/// Writes a camera's connection state to the store as it changes.
package struct HealthReporter: Sendable {
    let store: ParkWatchDatabase
    let camera: String
    let source: String

    package init(store: ParkWatchDatabase, camera: String, source: String) {
        self.store = store
        self.camera = camera
        self.source = source
    }

    /// Connected and the first frame read. Every connection after the first this row saw is a reconnect.
    package func online(at now: Date) async throws {
        let previous = try await store.cameraHealth(camera: camera)
        try await store.saveCameraHealth(CameraHealthRecord(
            camera: camera, source: source, state: .online, onlineSince: now, offlineSince: nil,
            lastFrameAt: now, lastError: previous?.lastError, reconnects: previous.map { $0.reconnects + 1 } ?? 0,
            updatedAt: now))
    }

    /// Failed to connect, or the connection broke. The outage starts at its first failure.
    package func offline(_ error: String, at now: Date) async throws {
        try await offline(error, at: now, previous: try await store.cameraHealth(camera: camera))
    }

    /// The service shut down. Only an online camera changes: an outage keeps its own cause.
    package func stopped(at now: Date) async throws {
        let previous = try await store.cameraHealth(camera: camera)
        guard previous?.state == .online else { return }
        try await offline("stopped", at: now, previous: previous)
    }

    private func offline(_ error: String, at now: Date, previous: CameraHealthRecord?) async throws {
        let since = previous?.state == .offline ? (previous?.offlineSince ?? now) : now
        try await store.saveCameraHealth(CameraHealthRecord(
            camera: camera, source: source, state: .offline, onlineSince: nil, offlineSince: since,
            lastFrameAt: previous?.lastFrameAt, lastError: error, reconnects: previous?.reconnects ?? 0, updatedAt: now))
    }
}
