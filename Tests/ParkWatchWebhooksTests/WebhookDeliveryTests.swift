import Foundation
import Logging
import ParkWatchConfig
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWebhooks
import ServiceLifecycle
import Testing

/// Delivery from a real SQLite outbox to a real HTTP receiver: signed, retried with the same id,
/// and resumed by a new service over the same file.
@Suite struct WebhookDeliveryTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("webhooks")
    }

    /// Fast polls and retries. The timeout stays long where the receiver is up: an answer later than
    /// the timeout (a loaded machine) is a failed delivery, sent again, and seen twice.
    func fastRetries(timeout: Duration = .seconds(10)) -> WebhookDelivery.Settings {
        var settings = WebhookDelivery.Settings()
        settings.poll = .milliseconds(20)
        settings.timeout = timeout
        settings.firstWait = 0.05
        return settings
    }

    func events(to url: String, count: Int, store: ParkWatchDatabase) async throws {
        let maker = WebhookEvents(targets: [WebhookConfig(url: url, events: ["photo_rejected"], secret: "s3cret")])
        for index in 0..<count {
            try await store.enqueueWebhookEvents(
                maker.events("photo_rejected", fields: ["camera": "cam1", "file": "p\(index).jpg", "reason": "not an image"], now: Date()))
        }
    }

    /// Runs a delivery service over `store` while `body` runs.
    func delivering(
        _ store: ParkWatchDatabase, to url: String, timeout: Duration = .seconds(10), _ body: () async throws -> Void
    ) async throws {
        let service = WebhookDelivery(
            store: store, targets: [WebhookConfig(url: url, events: ["photo_rejected"], secret: "s3cret")],
            settings: fastRetries(timeout: timeout), logger: Logger(label: "delivery"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "delivery")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func eventsArriveInOrderSignedAndAreMarkedDelivered() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        try await WebhookReceiver.run { url, received in
            try await events(to: url, count: 3, store: store)
            try await delivering(store, to: url) {
                let got = await received.first(3)
                #expect(got.compactMap { got in got.body.range(of: "p[0-9]", options: .regularExpression).map { String(got.body[$0]) } }
                    == ["p0", "p1", "p2"])
                for delivery in got {
                    let signature = try #require(delivery.headers["x-parkwatch-signature"])
                    #expect(WebhookSignature.verify(delivery.body, signature: signature, secret: "s3cret"))
                    #expect(!WebhookSignature.verify(delivery.body + " ", signature: signature, secret: "s3cret"))
                    #expect(delivery.headers["x-parkwatch-event"] == "photo_rejected")
                    #expect(delivery.body.contains("\"id\":\"\(delivery.headers["x-parkwatch-delivery"] ?? "-")\""))
                }
                let allDelivered = try await eventually(within: liveDeadline) { try await store.webhookEvents().allSatisfy { $0.deliveredAt != nil } }
                #expect(allDelivered)
            }
        }
    }

    @Test func aReceiverThatFailsGetsTheSameEventAgain() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        try await WebhookReceiver.run(failing: 2) { url, received in
            try await events(to: url, count: 1, store: store)
            try await delivering(store, to: url) {
                let got = await received.first(3)
                #expect(got.map(\.answered) == [500, 500, 204])
                #expect(Set(got.map(\.body)).count == 1 && Set(got.compactMap { $0.headers["x-parkwatch-delivery"] }).count == 1)
                let delivered = try await eventually(within: liveDeadline) { try await store.webhookEvents().first?.deliveredAt != nil }
                #expect(delivered)
            }
        }
        let row = try #require(try await store.webhookEvents().first)
        #expect(row.attempts == 3 && row.lastError == nil)
    }

    /// The receiver is down while one service runs; a new service over the same file, once the
    /// receiver is up on that port, delivers what the first could not.
    @Test func undeliveredEventsSurviveARestart() async throws {
        let path = folder.path("db.sqlite").path
        let port = try LoopbackPort.free()
        let url = "http://127.0.0.1:\(port)/hook"
        do {
            let store = try ParkWatchDatabase(path: path)
            try await events(to: url, count: 2, store: store)
            // A refused connection costs a whole timeout: the client keeps trying until then.
            try await delivering(store, to: url, timeout: .seconds(1)) {
                let triedTwice = try await eventually(within: liveDeadline) { try await store.webhookEvents().first?.attempts ?? 0 >= 2 }
                #expect(triedTwice)
            }
            let rows = try await store.webhookEvents()
            // The second waits behind the first, so the receiver will see them in order.
            #expect(rows.allSatisfy { $0.deliveredAt == nil } && rows[0].lastError != nil && rows[1].attempts == 0)
        }
        let reopened = try ParkWatchDatabase(path: path)
        let ids = try await reopened.webhookEvents().map(\.eventId)
        try await WebhookReceiver.run(port: port) { url, received in
            try await delivering(reopened, to: url) {
                let got = await received.first(2)
                #expect(got.compactMap { $0.headers["x-parkwatch-delivery"] } == ids)
                let allDelivered = try await eventually(within: liveDeadline) { try await reopened.webhookEvents().allSatisfy { $0.deliveredAt != nil } }
                #expect(allDelivered)
            }
        }
    }

    /// Delivered events older than the keep period go; undelivered ones stay, however old.
    @Test func deliveredEventsAreForgottenAfterTheKeepPeriod() async throws {
        let store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
        let old = Date(timeIntervalSince1970: 1_800_000_000)
        try await events(to: "http://127.0.0.1:9/hook", count: 3, store: store)
        let rows = try await store.webhookEvents()
        try await store.webhookDelivered(id: try #require(rows[0].id), at: old)
        try await store.webhookDelivered(id: try #require(rows[1].id), at: old + 40 * 86_400)
        #expect(try await store.pruneDeliveredWebhookEvents(before: old + 30 * 86_400) == 1)
        #expect(try await store.webhookEvents().map(\.eventId) == [rows[1].eventId, rows[2].eventId])
    }
}
