import Foundation
import Logging
import ParkWatchStore
import ServiceLifecycle

/// A camera that uploads photos has no connection to lose: it goes dark when its photos stop.
/// Every `interval` this looks at each watched camera's newest photo; a camera with none for
/// longer than its `offlineAfter` is `camera_offline`, and `camera_online` again with its next
/// photo. The state is stored, so a restart neither repeats nor forgets an outage.
package struct UploadCameraWatch: Service {
    /// Camera id → seconds without a photo after which it counts as dark.
    let cameras: [String: Double]
    let store: ParkWatchDatabase
    let events: WebhookEvents
    let interval: Duration
    let now: @Sendable () -> Date
    let logger: Logger

    package init(
        cameras: [String: Double], store: ParkWatchDatabase, events: WebhookEvents, interval: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.cameras = cameras
        self.store = store
        self.events = events
        self.interval = interval
        self.now = now
        self.logger = logger
    }

    package func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await check()
                    try await Task.sleep(for: interval)
                }
            }
        } catch where Task.isShuttingDownGracefully {
            return
        }
    }

    /// One look: stores each camera whose state changed, with its event.
    package func check() async throws {
        let time = now()
        let (latest, states) = try await store.uploadActivity(cameras: cameras.keys.sorted())
        for (camera, limit) in cameras.sorted(by: { $0.key < $1.key }) {
            // A camera that never sent a photo has nothing to go dark from.
            guard let last = latest[camera] else { continue }
            let dark = time.timeIntervalSince(last) > limit
            let was = states[camera]
            guard dark != (was?.offline ?? false) else { continue }
            let fields: [String: any Sendable] = dark
                ? ["camera": camera, "at": ISOTime.format(time), "reason": "no photo for \(Int(limit / 60)) min", "last_photo_at": ISOTime.format(last)]
                : ["camera": camera, "at": ISOTime.format(time), "offline_since": was.map { ISOTime.format($0.since) } ?? ""]
            let event = dark ? "camera_offline" : "camera_online"
            try await store.setUploadCameraState(
                UploadCameraStateRecord(camera: camera, offline: dark, since: time), events: events.events(event, fields: fields, now: time))
            logger.notice("upload camera \(dark ? "dark" : "back")", metadata: ["camera": "\(camera)", "last_photo_at": "\(ISOTime.format(last))"])
        }
    }
}
