import Foundation
import Logging
import ParkWatchStore
import PostgresNIO

/// The one door to the central PostgreSQL database. Its connection pool works while `runPool()`
/// runs; every call in the meantime leases a connection from it.
package struct CentralDatabase: Sendable {
    let client: PostgresClient
    package let address: CentralAddress
    let logger: Logger
    let schema = SchemaGate()
    /// How long a booking request waits for the server before it is `unreachable` (a 503).
    package var requestTimeout: Duration = .seconds(10)

    package init(address: CentralAddress, logger: Logger) {
        self.address = address
        self.logger = logger
        client = PostgresClient(configuration: address.configuration, backgroundLogger: logger)
    }

    /// Migrates once per process, on the first call that needs the schema; later calls return at once.
    package func ensureSchema() async throws {
        try await schema.once { try await migrate() }
    }

    /// The pool's own work (connecting, keeping alive); returns when its task is cancelled.
    package func runPool() async { await client.run() }

    /// `body` with a database whose pool runs meanwhile: for a command that reads and ends. An
    /// unreachable server fails within `connectWithin` instead of waiting for ever.
    package static func using<T: Sendable>(
        _ address: CentralAddress, logger: Logger, connectWithin: Duration = .seconds(10),
        _ body: @escaping @Sendable (CentralDatabase) async throws -> T
    ) async throws -> T {
        let database = CentralDatabase(address: address, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.runPool() }
            defer { group.cancelAll() }
            try await database.probe(within: connectWithin)
            return try await body(database)
        }
    }

    /// Brings the schema up to date, once even when many nodes start together: a transaction-scoped
    /// advisory lock queues them, and each applies only what `parkwatch_migration` lacks.
    package func migrate() async throws(CentralError) {
        var failing = 0
        do {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: Self.migrationTable), logger: logger)
                let versions = try await connection.query(PostgresQuery(unsafeSQL: "SELECT version FROM parkwatch_migration"), logger: logger)
                var applied: Set<Int> = []
                for try await version in versions.decode(Int.self) { applied.insert(version) }
                for migration in CentralSchema.migrations where !applied.contains(migration.version) {
                    failing = migration.version
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO parkwatch_migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                }
            }
        } catch {
            throw failing == 0 ? .unreachable(server: address.shown, reason: CentralError.reason(error))
                : .migrationFailed(version: failing, reason: CentralError.reason(error))
        }
    }

    /// Stores a batch in one transaction. Rows already there (the same site and id) are left as they
    /// are, so sending a batch again changes nothing; camera health keeps the newer of the two.
    package func store(_ batch: ForwardBatch, site: String) async throws(CentralError) {
        do {
            try await client.withTransaction(logger: logger) { connection in
                for (table, rows) in [(CentralTables.layout, batch.layouts), (.photo, batch.photos), (.cameraSeen, batch.photos), (.reading, batch.readings),
                                      (.change, batch.changes), (.health, batch.health)] where rows != "[]" {
                    var binds = PostgresBindings()
                    binds.append(site)
                    binds.append(rows)
                    try await connection.query(PostgresQuery(unsafeSQL: table.insertSQL, binds: binds), logger: logger)
                }
            }
        } catch {
            throw .writeFailed(reason: CentralError.reason(error))
        }
    }

    /// Records which lot each of this site's configured cameras watches.
    package func registerCameras(site: String, lots: [String: String]) async throws(CentralError) {
        let rows = lots.keys.sorted().map { ["camera": $0, "lot": lots[$0] ?? $0] }
        guard !rows.isEmpty else { return }
        do {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
            var binds = PostgresBindings()
            binds.append(site)
            binds.append(json)
            try await client.query(PostgresQuery(unsafeSQL: CentralTables.camera.insertSQL, binds: binds), logger: logger)
        } catch {
            throw .writeFailed(reason: CentralError.reason(error))
        }
    }

    /// Connects once, apart from the pool, and throws the server's own reason when that fails: the
    /// pool retries a refused login quietly until a caller's time runs out.
    package func probe(within limit: Duration = .seconds(10)) async throws(CentralError) {
        do {
            let single = try address.singleConnection()
            try await within(limit) {
                let connection = try await PostgresConnection.connect(configuration: single, id: 0, logger: logger)
                try? await connection.close()
            }
        } catch {
            throw .unreachable(server: address.shown, reason: CentralError.reason(error))
        }
    }

    /// Why an exchange failed: `error` itself, unless it is only a timeout; then a probe's reason.
    package func whyUnreachable(_ error: any Error) async -> String {
        guard case .timedOut = error as? CentralError else { return CentralError.reason(error) }
        do { try await probe() } catch {
            if case .unreachable(_, let reason) = error { return reason }
        }
        return CentralError.reason(error)
    }

    /// Whether this connection is encrypted, as the server sees it.
    package func sessionUsesTLS() async throws -> Bool {
        for try await used in try await query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").decode(Bool.self) { return used }
        return false
    }

    /// Runs `sql` with `$1`… taken from `binds`.
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws -> PostgresRowSequence {
        try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
    }

    static let migrationTable = """
        CREATE TABLE IF NOT EXISTS parkwatch_migration (
            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
        """

    /// Any fixed number: nodes agree on it, nothing else in the database takes advisory locks.
    static let migrationLock = 7_250_113
}

/// Whether this process has brought the schema up to date: the first caller migrates, callers
/// meanwhile wait for it, a failure lets the next caller try again.
actor SchemaGate {
    private var done = false
    private var running: Task<Void, any Error>?

    func once(_ migrate: @escaping @Sendable () async throws -> Void) async throws {
        if done { return }
        let task = running ?? Task { try await migrate() }
        running = task
        do {
            try await task.value
            done = true
        } catch {
            running = nil
            throw error
        }
    }
}
