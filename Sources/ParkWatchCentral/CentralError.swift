import Foundation
import ParkWatchStore
import PostgresNIO

/// What went wrong with the central database. Messages never carry the URL's password: they name
/// the host and database at most, and PostgreSQL's own message and SQLSTATE.
package enum CentralError: Error, Equatable, CustomStringConvertible, StoreUnavailable {
    case noURL
    case badURL(reason: String)
    case unreachable(server: String, reason: String)
    case migrationFailed(version: Int, reason: String)
    case writeFailed(reason: String)
    case queryRefused(reason: String)
    case timedOut(after: Duration)
    case unknownCamera(String)
    case badArray

    package var description: String {
        switch self {
        case .noURL: "central: no url (set central.url or $PARKWATCH_CENTRAL_URL)"
        case .badURL(let reason): "central: the url \(reason)"
        case .unreachable(let server, let reason): "central database \(server) unreachable: \(reason)"
        case .migrationFailed(let version, let reason): "central schema migration \(version) failed: \(reason)"
        case .writeFailed(let reason): "central database refused a batch: \(reason)"
        case .queryRefused(let reason): "central database refused a request: \(reason)"
        case .unknownCamera(let id): "central cameras are named <site>/<camera>, such as north/cam1 (got `\(id)`)"
        case .timedOut(let limit): "central database did not answer within \(limit.components.seconds) s"
        case .badArray: "central database sent an array that is not one-dimensional without NULLs"
        }
    }

    package var isUnavailable: Bool {
        switch self {
        case .unreachable, .timedOut: true
        default: false
        }
    }

    /// PostgreSQL's message and code where the server sent one, else the client's error code.
    /// `PSQLError`'s own description hides both, and its debug description holds the query.
    static func reason(_ error: any Error) -> String {
        if case .timedOut(let limit) = error as? CentralError { return "no answer within \(limit.components.seconds) s" }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
