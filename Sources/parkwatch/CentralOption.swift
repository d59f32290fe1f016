import ArgumentParser
import Foundation
import Logging
import ParkWatchCentral
import ParkWatchConfig

/// `--central URL`: read every site from the central PostgreSQL database instead of this node's
/// SQLite file. Cameras there are `<site>/<camera>`.
struct CentralOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Read every site from this central PostgreSQL database (postgres://user@host/db); a password the URL leaves out comes from $PGPASSWORD.",
        valueName: "url"))
    var central: String?

    /// The central database for a service whose pool runs in its group, when `--central` is given.
    func database(logger: Logger) throws -> CentralDatabase? {
        try central.map { CentralDatabase(address: try CentralAddress(url: $0), logger: logger) }
    }

    /// `body` with the central database, when `--central` is given.
    func using<T: Sendable>(_ body: @escaping @Sendable (CentralDatabase) async throws -> T) async throws -> T? {
        guard let central else { return nil }
        let address = try CentralAddress(url: central)
        var logger = Logger(label: "parkwatch")
        logger.logLevel = .warning
        return try await CentralDatabase.using(address, logger: logger, body)
    }
}
