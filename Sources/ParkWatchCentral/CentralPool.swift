import Logging
import ServiceLifecycle

/// The central database's connection pool as a service, for what the web app keeps there (the
/// bookings every site shares): it runs the pool, brings the schema up to date as soon as the
/// server answers (a request before that migrates first), and stops with the service group.
package struct CentralPool: Service {
    package let database: CentralDatabase
    let retry: (first: Duration, longest: Duration)
    let logger: Logger

    package init(database: CentralDatabase, retry: (first: Duration, longest: Duration) = (.seconds(1), .seconds(30)), logger: Logger) {
        self.database = database
        self.retry = retry
        self.logger = logger
    }

    package func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await database.runPool() }
            await cancelWhenGracefulShutdown { await migrateUntilDone() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    func migrateUntilDone() async {
        var outage = Outage(firstWait: retry.first, longestWait: retry.longest)
        while !Task.isCancelled {
            do {
                try await within(.seconds(15)) { try await database.ensureSchema() }
                return
            } catch {
                let reason = await database.whyUnreachable(error)
                let wait = outage.failed(reason: reason) { reason in
                    logger.warning("central database not ready", metadata: ["central": "\(database.address.shown)", "reason": "\(reason)"])
                }
                try? await Task.sleep(for: wait)
            }
        }
    }
}
