import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// With `web.token` set, the forms that write need a signed-in session: the token is exchanged
/// once at /signin for a cookie. A CSRF token alone proves where a form came from, not who sent it.
@Suite struct SignInTests {
    static let token = "s3cret-token"
    static let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto")!

    func csrf(_ client: some TestClientProtocol, _ uri: String = "/booking", cookie: String? = nil) async throws -> String {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        let page = try await client.send(uri, .get, headers: headers)
        let match = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f.]+)"/))
        return String(match.1)
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [String: String], headers: HTTPFields = [:]) async throws -> TestResponse {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func bookingFields(_ csrf: String, space: String = "A1") -> [String: String] {
        ["place": "north/\(space)", "start": "2026-05-01T10:00", "end": "2026-05-01T12:00", "holder": "Mallory", "csrf": csrf]
    }

    /// `name=value` of the session cookie a response sets.
    func session(of response: TestResponse) throws -> String {
        let header = try #require(response.headers[.setCookie])
        return String(try #require(header.split(separator: ";").first))
    }

    @Test func formsThatWriteNeedASignedInSessionWhenATokenIsSet() async throws {
        let fixture = try WebFixture(token: Self.token)
        try await fixture.app().test(.router) { client in
            let booked = try await client.book("A2", from: 0, to: 60, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(booked.status == .created)
            #expect(try await client.send("/booking", .get).status == .ok, "reading stays open")
            let anonymous = try await post(client, "/booking", bookingFields(try await csrf(client)))
            #expect(anonymous.status == .unauthorized && anonymous.text.contains("/signin"))
            let cancel = try await post(client, "/booking/1/cancel", ["csrf": try await csrf(client)])
            #expect(cancel.status == .unauthorized)
            let forged = try await post(client, "/booking/1/cancel", ["csrf": try await csrf(client)], headers: [.cookie: "parkwatch_session=1999999999.00ff"])
            #expect(forged.status == .unauthorized)
            let bookings = try await fixture.store.bookings(matching: .init())
            #expect(bookings.count == 1 && bookings.first?.cancelledAt == nil)
        }
    }

    @Test func signingInWithTheTokenGivesAStrictHttpOnlyCookieThatLetsTheFormsWrite() async throws {
        let fixture = try WebFixture(token: Self.token)
        try await fixture.app().test(.router) { client in
            let wrong = try await post(client, "/signin", ["token": "guess", "csrf": try await csrf(client, "/signin")])
            #expect(wrong.status == .unauthorized && wrong.headers[.setCookie] == nil)
            let signedIn = try await post(client, "/signin", ["token": Self.token, "csrf": try await csrf(client, "/signin")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/booking")
            let header = try #require(signedIn.headers[.setCookie])
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict") && header.contains("Max-Age="))
            #expect(!header.contains("Secure"), "served over plain HTTP")
            let cookie = try session(of: signedIn)
            let posted = try await post(client, "/booking", bookingFields(try await csrf(client, cookie: cookie)), headers: [.cookie: cookie])
            #expect(posted.status == .seeOther && posted.headers[.location] == "/booking?booked=1")
            let cancelled = try await post(client, "/booking/1/cancel", ["csrf": try await csrf(client)], headers: [.cookie: cookie])
            #expect(cancelled.status == .seeOther)
            let signedOut = try await post(client, "/signout", ["csrf": try await csrf(client)], headers: [.cookie: cookie])
            #expect(signedOut.status == .seeOther && signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await post(client, "/booking", bookingFields(try await csrf(client), space: "A3"), headers: [.cookie: cookie])
            #expect(after.status == .unauthorized, "a signed-out session is gone on the server too")
        }
    }

    @Test func theCookieIsSecureWhenTheRequestCameOverHTTPS() async throws {
        let fixture = try WebFixture(token: Self.token)
        try await fixture.app().test(.router) { client in
            let signedIn = try await post(
                client, "/signin", ["token": Self.token, "csrf": try await csrf(client, "/signin")], headers: [Self.forwardedProto: "https"])
            #expect(signedIn.status == .seeOther && signedIn.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test func withoutATokenTheFormsNeedNoSignIn() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let posted = try await post(client, "/booking", bookingFields(try await csrf(client)))
            #expect(posted.status == .seeOther)
            #expect(try await client.send("/signin", .get).text.contains("No sign-in is needed"))
        }
    }
}
