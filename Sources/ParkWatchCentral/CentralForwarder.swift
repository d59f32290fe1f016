import Foundation
import Logging
import ParkWatchStore
import ServiceLifecycle

/// Sends this node's photos, readings, space changes, layouts and camera health to the central
/// database, oldest first, in batches, until the service group stops. The cursor lives in the
/// node's SQLite and moves only after PostgreSQL committed a batch: a crash or an outage in
/// between sends the batch again, which the central keys turn into no change. So an outage only
/// delays rows, and the node's own work never waits on the central database.
package struct CentralForwarder: Service {
    package struct Settings: Sendable {
        /// How often the node's database is looked at when the last look found nothing new.
        package var poll: Duration = .seconds(1)
        package var batchSize = 500
        /// The wait after a failure, doubling up to `longestWait`.
        package var firstWait: Duration = .seconds(1)
        package var longestWait: Duration = .seconds(30)
        /// How long one exchange with the central database may take. The client waits for a
        /// connection however long the server is away; this turns that wait into a failure to log.
        package var timeout: Duration = .seconds(15)

        package init() {}
    }

    let store: ParkWatchDatabase
    let address: CentralAddress
    let site: String
    /// Each configured camera's lot, registered centrally so lots can span sites.
    let lots: [String: String]
    let settings: Settings
    let logger: Logger

    package init(
        store: ParkWatchDatabase, address: CentralAddress, site: String, lots: [String: String],
        settings: Settings = Settings(), logger: Logger
    ) {
        self.store = store
        self.address = address
        self.site = site
        self.lots = lots
        self.settings = settings
        self.logger = logger
    }

    /// The cursor's key: the central database (no credentials) and this node's site in it.
    package var target: String { "\(address.shown)#\(site)" }

    /// A connection pool runs once: each run makes its own.
    package func run() async throws {
        let central = CentralDatabase(address: address, logger: logger)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await central.runPool() }
            await cancelWhenGracefulShutdown { await forwardUntilCancelled(central) }
            group.cancelAll()
        }
    }

    func forwardUntilCancelled(_ central: CentralDatabase) async {
        var prepared = false
        // Read once: only this forwarder moves its cursor while it runs.
        var cursor: CentralCursorRecord?
        var outage = Outage(firstWait: settings.firstWait, longestWait: settings.longestWait)
        while !Task.isCancelled {
            do {
                if !prepared {
                    try await within(settings.timeout) {
                        try await central.migrate()
                        try await central.registerCameras(site: site, lots: lots)
                    }
                    prepared = true
                }
                let current = if let cursor { cursor } else { try await store.centralCursor(target: target) }
                let next = try await forwardOnce(central, after: current)
                cursor = next ?? current
                let moved = next != nil
                if let since = outage.ended() {
                    logger.notice("central database reachable again", metadata: ["central": "\(address.shown)", "down_s": "\(Int(since))"])
                }
                if !moved { try await Task.sleep(for: settings.poll) }
            } catch {
                guard !Task.isCancelled else { return }
                let reason = await central.whyUnreachable(error)
                let wait = outage.failed(reason: reason) { reason in
                    logger.warning("central forwarding waits", metadata: ["central": "\(address.shown)", "reason": "\(reason)"])
                }
                try? await Task.sleep(for: wait)
            }
        }
    }

    /// Forwards one batch past `cursor`; the cursor that follows it, or nil when nothing was new.
    func forwardOnce(_ central: CentralDatabase, after cursor: CentralCursorRecord) async throws -> CentralCursorRecord? {
        let batch = try await store.forwardBatch(after: cursor, limit: settings.batchSize)
        guard !batch.isEmpty else { return nil }
        try await within(settings.timeout) { try await central.store(batch, site: site) }
        var next = batch.next
        next.forwardedAt = Date()
        try await store.saveCentralCursor(next)
        logger.debug("forwarded", metadata: ["photos": "\(batch.photoCount)", "changes": "\(batch.changeCount)", "to": "\(address.shown)"])
        return next
    }
}
