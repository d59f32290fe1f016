import Foundation
import Hummingbird

/// Signed-in sessions of the pages: a random id in a cookie, its expiry kept here. Kept in memory
/// on purpose: signing out ends a session on the server too, and a restart ends them all.
actor SessionStore {
    static let cookieName = "parkwatch_session"
    /// A working day; then the token is asked again.
    static let lifetime: TimeInterval = 12 * 3600
    /// Sign-ins beyond this push out the oldest sessions, so repeated sign-ins cannot fill memory.
    static let capacity = 10_000

    private var expiries: [String: Date] = [:]

    func open(now: Date) -> String {
        expiries = expiries.filter { $0.value > now }
        if expiries.count >= Self.capacity, let oldest = expiries.min(by: { $0.value < $1.value }) {
            expiries[oldest.key] = nil
        }
        var generator = SystemRandomNumberGenerator()
        let id = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        expiries[id] = now + Self.lifetime
        return id
    }

    func isOpen(_ id: String?, now: Date) -> Bool {
        guard let id, let expiry = expiries[id] else { return false }
        return expiry > now
    }

    func close(_ id: String?) {
        guard let id else { return }
        expiries[id] = nil
    }

    /// HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure
    /// when the client came over TLS, so it never travels in clear after that.
    static func cookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: id, maxAge: Int(lifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
