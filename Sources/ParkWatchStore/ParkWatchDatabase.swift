import Foundation
import GRDB

/// The one door to the SQLite file. Opening migrates; every access goes through `writer`.
package struct ParkWatchDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) a WAL database file and brings its schema up to date.
    package init(path: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: path, configuration: configuration)
            try self.init(migrating: pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// A private in-memory database, for unit tests of queries.
    package static func inMemory() throws(StoreError) -> ParkWatchDatabase {
        do { return try ParkWatchDatabase(migrating: DatabaseQueue()) } catch let error as StoreError {
            throw error
        } catch { throw .cannotOpen(path: ":memory:", reason: Self.reason(error)) }
    }

    private init(migrating writer: any DatabaseWriter) throws(StoreError) {
        do { try Migrations.migrator.migrate(writer) } catch {
            throw .migrationFailed(reason: Self.reason(error))
        }
        self.writer = writer
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
