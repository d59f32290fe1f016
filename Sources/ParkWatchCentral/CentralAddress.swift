import Foundation
import NIOSSL
import ParkWatchConfig
import PostgresNIO

/// A `postgres://` URL as postgres-nio's client configuration, with TLS as its `sslmode` asks
/// (libpq's meanings: `require` encrypts without checking the certificate, `verify-full` checks it).
package struct CentralAddress: Sendable {
    package let configuration: PostgresClient.Configuration
    let sslmode: String
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
        self.sslmode = sslmode
        shown = "\(host):\(port)/\(database.isEmpty ? user : database)"
    }

    /// The same address for one connection of its own, which fails with the server's reason where
    /// the pool keeps retrying.
    func singleConnection() throws -> PostgresConnection.Configuration {
        let context = try NIOSSLContext(configuration: Self.tlsConfiguration(sslmode))
        let tls: PostgresConnection.Configuration.TLS = switch sslmode {
        case "disable": .disable
        case "require", "verify-ca", "verify-full": .require(context)
        default: .prefer(context)
        }
        var single = PostgresConnection.Configuration(
            host: configuration.host ?? "", port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: tls)
        single.options.connectTimeout = .seconds(5)
        return single
    }

    static func tlsConfiguration(_ sslmode: String) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !["verify-ca", "verify-full"].contains(sslmode) { configuration.certificateVerification = .none }
        return configuration
    }

    static func tls(_ sslmode: String) -> PostgresClient.Configuration.TLS {
        switch sslmode {
        case "disable": .disable
        case "require", "verify-ca", "verify-full": .require(tlsConfiguration(sslmode))
        default: .prefer(tlsConfiguration(sslmode))
        }
    }
}
