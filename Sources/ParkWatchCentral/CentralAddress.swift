import Foundation
import NIOSSL
import ParkWatchConfig
import PostgresNIO

/// A `postgres://` URL as postgres-nio's client configuration, with TLS as its `sslmode` asks
/// (libpq's meanings: `require` encrypts without checking the certificate, `verify-full` checks it).
package struct CentralAddress: Sendable {
    package let configuration: PostgresClient.Configuration
    /// Host, port and database, for logs and the cursor's key: never the user or password.
    package let shown: String

    /// A password the URL leaves out comes from `$PGPASSWORD`, as libpq's tools take it.
    package init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(CentralError) {
        if let problem = CentralConfig.urlProblem(url) { throw .badURL(reason: problem) }
        guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
            throw .badURL(reason: "cannot be read")
        }
        let port = parts.port ?? 5432
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        let sslmode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user.removingPercentEncoding ?? user,
            password: parts.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"],
            database: database.isEmpty ? nil : database, tls: Self.tls(sslmode))
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 4
        self.configuration = configuration
        shown = "\(host):\(port)/\(database.isEmpty ? user : database)"
    }

    static func tls(_ sslmode: String) -> PostgresClient.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        return switch sslmode {
        case "disable": .disable
        case "require": .require(unchecked)
        case "verify-ca", "verify-full": .require(.makeClientConfiguration())
        default: .prefer(unchecked)
        }
    }
}
