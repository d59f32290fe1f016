import Foundation
import GRDB

/// The one door to the SQLite file. Opening migrates; every access goes through `writer`.
package struct ParkWatchDatabase: Sendable {
    let writer: any DatabaseWriter
    /// How long a write, or the open itself, waits for another connection's lock.
    static let busySeconds = 10

    /// Opens (creating if needed) a WAL database file and brings its schema up to date.
    package init(path: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(TimeInterval(Self.busySeconds))
            try self.init(migrating: Self.openPool(path: path, configuration: configuration))
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// SQLite does not call the busy handler for the switch to WAL, which needs the file alone, so
    /// a process opening a new file while another does is told "busy" at once. It waits here as
    /// long as the busy timeout would.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = ContinuousClock.now + .seconds(busySeconds)
        while true {
            do { return try DatabasePool(path: path, configuration: configuration) } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// A private in-memory database, for unit tests of queries.
    package static func inMemory() throws(StoreError) -> ParkWatchDatabase {
        do { return try ParkWatchDatabase(migrating: DatabaseQueue()) } catch let error as StoreError {
            throw error
        } catch { throw .cannotOpen(path: ":memory:", reason: Self.reason(error)) }
    }

    private init(migrating writer: any DatabaseWriter) throws(StoreError) {
        do { try Self.migrate(writer) } catch {
            throw .migrationFailed(reason: Self.reason(error))
        }
        self.writer = writer
    }

    /// Another process (a `status` beside a starting `watch`) may migrate the same new file at the
    /// same moment. GRDB reads which migrations are applied before it takes the write lock, so a
    /// migration can find its table already made; its transaction rolls back. Each such failure
    /// means another process committed a migration, so trying again while the applied set grows
    /// ends, and a failure that is not a lost race still throws.
    private static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = Migrations.migrator
        var applied = try writer.read { db in try migrator.appliedIdentifiers(db).count }
        while true {
            do { return try migrator.migrate(writer) } catch {
                let now = try writer.read { db in try migrator.appliedIdentifiers(db).count }
                guard now > applied else { throw error }
                applied = now
            }
        }
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await writer.read(body) } catch { throw Self.storeError(error) }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await writer.write(body) } catch { throw Self.storeError(error) }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        return .database(reason: reason(error))
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
