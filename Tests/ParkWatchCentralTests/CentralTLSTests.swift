import Foundation
import Logging
import ParkWatchCentral
import ParkWatchTestSupport
import Testing

/// The URL's `sslmode` against a server that takes logins over TLS only, with a self-signed
/// certificate: `require` connects encrypted, `disable` is refused by the server, `verify-full`
/// refuses the certificate; no message carries the password.
@Suite struct CentralTLSTests {
    @Test func theURLsSSLModeDecidesAndTheServerSaysWhetherTLSWasUsed() async throws {
        let server = try await PostgresServer(tls: true)
        let encrypted = try await CentralDatabase.using(try CentralAddress(url: server.url(sslmode: "require")), logger: Logger(label: "test"), connectWithin: .seconds(120)) { central in
            try await central.sessionUsesTLS()
        }
        #expect(encrypted)
        // The server's or the TLS library's own reason, not a timeout's.
        for (mode, reason) in [("disable", "no encryption"), ("verify-full", "CERTIFICATE_VERIFY_FAILED")] {
            do {
                _ = try await CentralDatabase.using(try CentralAddress(url: server.url(sslmode: mode)), logger: Logger(label: "test"), connectWithin: .seconds(120)) { _ in true }
                Issue.record("sslmode=\(mode) connected")
            } catch let error as CentralError {
                #expect(error.isUnavailable && "\(error)".contains(reason) && !"\(error)".contains(server.password), "\(error)")
            }
        }
    }
}
