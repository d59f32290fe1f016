import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// The booking page's forms, in process: per-form tokens, same-origin check, readable errors.
@Suite struct BookingPageTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func token(from page: String) throws -> String {
        let match = try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f.]+)"/))
        return String(match.1)
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [String: String], headers: HTTPFields = form) async throws -> TestResponse {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func bookingThroughTheFormRedirectsAndShowsTheBooking() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let page = try await client.send("/booking?lot=north&space=A3", .get)
            #expect(page.status == .ok && page.text.contains("<option value=\"north/A3\" selected>"))
            #expect(!page.text.contains("GRDB"), "every piece of HTML is a String, not a SQL literal")
            #expect(page.text.contains("value=\"2026-05-01T10:00\"") && page.text.contains("value=\"2026-05-01T12:00\""))
            let fields = ["place": "north/A3", "start": "2026-05-01T10:00", "end": "2026-05-01T12:00", "holder": "Grace H", "csrf": try token(from: page.text)]
            let posted = try await post(client, "/booking", fields)
            #expect(posted.status == .seeOther && posted.headers[.location] == "/booking?booked=1")
            let after = try await client.send("/booking?booked=1", .get).text
            #expect(after.contains("Booked space A3 in north for Grace H, 10:00 to 12:00."))
            #expect(after.contains("data-booking=\"1\""))
            let again = try await post(client, "/booking", fields.merging(["csrf": try token(from: after)]) { $1 })
            #expect(again.status == .conflict && again.text.contains("Space A3 is already booked"))
            #expect(again.text.contains("value=\"Grace H\""), "what was typed is kept")
            let cancel = try await post(client, "/booking/1/cancel", ["csrf": try token(from: after)])
            #expect(cancel.status == .seeOther && cancel.headers[.location] == "/booking?cancelled=1")
            #expect(try await fixture.store.bookings(matching: .init()).isEmpty)
        }
    }

    @Test func formsWithoutOurTokenOrFromAnotherSiteAreRefused() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let fields = ["place": "north/A1", "start": "2026-05-01T10:00", "end": "2026-05-01T12:00", "holder": "Mallory"]
            let noToken = try await post(client, "/booking", fields)
            #expect(noToken.status == .forbidden && noToken.text.contains("This form has expired"))
            let forged = try await post(client, "/booking", fields.merging(["csrf": "1777629600.00ff"]) { $1 })
            #expect(forged.status == .forbidden)
            let page = try await client.send("/booking", .get).text
            var crossSite = Self.form
            crossSite[HTTPFields.Element.Name("Origin")!] = "http://evil.example"
            let foreign = try await post(client, "/booking", fields.merging(["csrf": try token(from: page)]) { $1 }, headers: crossSite)
            #expect(foreign.status == .forbidden && foreign.text.contains("<h1>403"))
            #expect(try await fixture.store.bookings(matching: .init()).isEmpty)
        }
    }

    @Test func formErrorsAreReadableSentences() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let page = try await client.send("/booking", .get).text
            let fields = ["place": "north/A1", "start": "2026-05-01T08:00", "end": "2026-05-01T09:00", "holder": "Ada", "csrf": try token(from: page)]
            let past = try await post(client, "/booking", fields)
            #expect(past.status == .badRequest && past.text.contains("That time range is in the past."))
            let unknown = try await post(client, "/booking", fields.merging(["place": "north/Q7", "end": "2026-05-01T11:00"]) { $1 })
            #expect(unknown.status == .notFound && unknown.text.contains("Lot &#39;north&#39; has no space &#39;Q7&#39;."))
        }
    }
}
