import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ParkWatchConfig
import ParkWatchStore
import ServiceLifecycle

/// Sends the outbox's events, oldest first, each to its receiver, until the service group stops.
/// A receiver that answers other than 2xx, or not at all, gets the event again later, with the same
/// id, after a wait that doubles each time; its later events wait behind it, so it sees them in order.
/// Undelivered events stay in the database, so a restart resumes where the last run stopped (at
/// least once: an event whose answer was lost is sent again, and its id tells the receiver so).
/// Events for a URL no longer configured stay in the outbox unsent.
package struct WebhookDelivery: Service {
    package struct Settings: Sendable {
        /// How often the outbox is looked at when nothing is due sooner.
        package var poll: Duration = .seconds(1)
        package var timeout: Duration = .seconds(10)
        /// The first retry's wait; each further failure doubles it, up to `longestWait`.
        package var firstWait: Double = 2
        package var longestWait: Double = 600
        /// Delivered events are kept this long (for a look at what was sent), then forgotten.
        package var keepDelivered: Double = 30 * 86_400

        package init() {}
        package static let `default` = Settings()
    }

    let store: ParkWatchDatabase
    let targets: [String: WebhookConfig]
    let settings: Settings
    let now: @Sendable () -> Date
    let logger: Logger

    package init(
        store: ParkWatchDatabase, targets: [WebhookConfig], settings: Settings = .default,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.store = store
        self.targets = Dictionary(targets.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        self.settings = settings
        self.now = now
        self.logger = logger
    }

    /// A graceful shutdown interrupts a delivery in flight: that event stays undelivered and is
    /// sent again on the next start.
    package func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var pacing = Pacing()
                var pruned = Date.distantPast
                while !Task.isCancelled {
                    try await deliverDue(&pacing)
                    if now().timeIntervalSince(pruned) >= 3600 {
                        try await store.pruneDeliveredWebhookEvents(before: now() - settings.keepDelivered)
                        pruned = now()
                    }
                    try await Task.sleep(for: settings.poll)
                }
            }
        } catch where Task.isShuttingDownGracefully {
            // The cancellation may surface from the store as its own error; either way it is the shutdown.
            return
        }
    }

    /// Sends each receiver's oldest undelivered event once it is due and the receiver's
    /// `min_interval` has passed, then that receiver's next, until none is due.
    func deliverDue(_ pacing: inout Pacing) async throws {
        var progressed = true
        while progressed, !Task.isCancelled {
            progressed = false
            for event in try await store.webhookQueueHeads() where event.nextAttemptAt <= now() {
                guard let id = event.id, let target = targets[event.target] else { continue }
                if let last = pacing.lastSent[target.url], now().timeIntervalSince(last) < target.minInterval { continue }
                if let failure = await send(event, to: target) {
                    try await failed(event, id: id, target: target, reason: failure)
                } else {
                    pacing.lastSent[target.url] = now()
                    try await store.webhookDelivered(id: id, at: now())
                    progressed = true
                }
            }
        }
    }

    private func failed(_ event: WebhookOutboxRecord, id: Int64, target: WebhookConfig, reason: String) async throws {
        let wait = min(settings.firstWait * pow(2, Double(event.attempts)), settings.longestWait)
        try await store.webhookFailed(id: id, retryAt: now().addingTimeInterval(wait), error: reason)
        logger.warning("webhook delivery failed", metadata: [
            "event": "\(event.event)", "id": "\(event.eventId)", "to": "\(RedactedURL.shown(target.url))",
            "attempt": "\(event.attempts + 1)", "retry_in_s": "\(String(format: "%.1f", wait))", "reason": "\(reason)",
        ])
    }

    /// nil when the receiver took it (2xx), else why not.
    func send(_ event: WebhookOutboxRecord, to target: WebhookConfig) async -> String? {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ParkWatch")
        request.headers.add(name: "X-ParkWatch-Event", value: event.event)
        request.headers.add(name: "X-ParkWatch-Delivery", value: event.eventId)
        if let secret = target.secret { request.headers.add(name: WebhookSignature.header, value: WebhookSignature.sign(event.body, secret: secret)) }
        request.body = .bytes(ByteBuffer(string: event.body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .init(settings.timeout))
            _ = try await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(Int(response.status.code)) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "\(error)"
        }
    }
}

/// When each receiver was last sent an event, for `min_interval`.
struct Pacing {
    var lastSent: [String: Date] = [:]
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
