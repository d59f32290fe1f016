import Crypto
import Foundation
import Hummingbird

/// The API token check. Both sides are run through HMAC with a key made at start-up and the
/// results compared in constant time, so neither the content nor the length of the expected
/// token leaks through timing.
struct TokenCheck: Sendable {
    private let keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    private let expectedCode: Data?
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    init(expected: String?) {
        let key = SymmetricKey(data: keyBytes)
        expectedCode = expected.map { Data(HMAC<SHA256>.authenticationCode(for: Data($0.utf8), using: key)) }
    }

    var isRequired: Bool { expectedCode != nil }

    func accepts(_ presented: String?) -> Bool {
        guard let expectedCode else { return true }
        guard let presented else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(expectedCode, authenticating: Data(presented.utf8), using: key)
    }

    /// `Authorization: Bearer <token>`, else `X-API-Token: <token>`.
    static func presented(in headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return headers[HeaderName.apiToken]
    }
}

/// Tokens for the page forms: `issued.hmac(issued)` under a key made at start-up. A page from
/// this server carries one; a form posted from another site cannot, since it cannot read ours.
struct FormTokens: Sendable {
    private let keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    /// Long enough for a page left open over a working day; a restart also invalidates tokens.
    static let lifetime: TimeInterval = 12 * 3600

    func issue(now: Date) -> String {
        let issued = Int(now.timeIntervalSince1970)
        return "\(issued).\(code(issued))"
    }

    func isValid(_ token: String?, now: Date) -> Bool {
        guard let token, let dot = token.firstIndex(of: "."), let issued = Int(token[..<dot]) else { return false }
        let age = now.timeIntervalSince1970 - Double(issued)
        guard age >= -60, age <= Self.lifetime, let presented = Data(hex: token[token.index(after: dot)...]) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data("form:\(issued)".utf8), using: key)
    }

    private func code(_ issued: Int) -> String {
        HMAC<SHA256>.authenticationCode(for: Data("form:\(issued)".utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}

/// Browsers say where a request comes from; a write whose origin is another site is refused
/// before its body is read. Requests without these headers (curl, scripts, old browsers) pass
/// here; a form still needs its per-form token, an API write its type and, if set, the token.
enum SameOrigin {
    static func check(_ request: Request) throws {
        if request.headers[HeaderName.secFetchSite]?.lowercased() == "cross-site" {
            throw WebError.forbidden("writes sent from another site's pages are not accepted")
        }
        guard let origin = request.headers[HeaderName.origin]?.lowercased() else { return }
        let host = (request.head.authority ?? "").lowercased()
        guard !host.isEmpty, origin == "http://\(host)" || origin == "https://\(host)" else {
            throw WebError.forbidden("this write must be sent from this site's own pages (origin \(origin))")
        }
    }

    /// Whether the client reached us over TLS, directly or through a proxy that says so.
    static func isSecure(_ request: Request) -> Bool {
        request.head.scheme == "https" || request.headers[HeaderName.forwardedProto]?.lowercased() == "https"
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?(hex: some StringProtocol) {
        guard hex.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}

/// Header names HTTPTypes does not predefine.
enum HeaderName {
    typealias Name = HTTPFields.Element.Name
    static let apiToken = Name("X-API-Token")!
    static let secFetchSite = Name("Sec-Fetch-Site")!
    static let origin = Name("Origin")!
    static let forwardedProto = Name("X-Forwarded-Proto")!
    static let contentTypeOptions = Name("X-Content-Type-Options")!
    static let referrerPolicy = Name("Referrer-Policy")!
}

/// The query of a request as plain strings (the first value of a repeated key wins).
struct Query: Sendable {
    let values: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        self.values = values
    }

    init(_ values: [String: String]) {
        self.values = values
    }

    subscript(_ key: String) -> String? { values[key] }
}
