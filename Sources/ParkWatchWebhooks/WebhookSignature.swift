import Crypto
import Foundation

/// `X-ParkWatch-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body with the receiver's secret.
package enum WebhookSignature {
    package static let header = "X-ParkWatch-Signature"

    package static func sign(_ body: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time, as a receiver should check it.
    package static func verify(_ body: String, signature: String, secret: String) -> Bool {
        let expected = Array(sign(body, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
