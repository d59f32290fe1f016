import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// Writes to the API from another site's page are refused without a preflight ever being
/// possible: a cross-site `Origin` or `Sec-Fetch-Site` is a 403, a JSON body must say so (415).
/// Same-origin pages and clients that send no `Origin` (curl, scripts) keep working.
@Suite struct CrossSiteTests {
    static let origin = HTTPFields.Element.Name("Origin")!
    static let fetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!

    func bookingBody(_ space: String) -> ByteBuffer {
        let start = ISOTime.format(WebFixture.now + 60), end = ISOTime.format(WebFixture.now + 3600)
        return ByteBuffer(string: #"{"lot":"north","space":"\#(space)","start":"\#(start)","end":"\#(end)","holder":"x"}"#)
    }

    @Test func crossSiteAPIWritesAreForbiddenWithAJSONError() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let evil = try await client.execute(
                uri: "/api/bookings", method: .post, headers: json + [Self.origin: "http://evil.example"], body: bookingBody("A1"))
            #expect(evil.status == .forbidden && evil.object["error"] is String)
            let fetched = try await client.execute(
                uri: "/api/bookings", method: .post, headers: json + [Self.fetchSite: "cross-site"], body: bookingBody("A1"))
            #expect(fetched.status == .forbidden && fetched.object["error"] is String)
            let nullOrigin = try await client.execute(
                uri: "/api/bookings", method: .post, headers: json + [Self.origin: "null"], body: bookingBody("A1"))
            #expect(nullOrigin.status == .forbidden)
            #expect(try await fixture.store.bookings(matching: .init()).isEmpty)
            let deleted = try await client.execute(uri: "/api/bookings/1", method: .delete, headers: [Self.origin: "http://evil.example"])
            #expect(deleted.status == .forbidden)
        }
    }

    @Test func aJSONBodyMustBeSentAsJSON() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let plain = try await client.execute(
                uri: "/api/bookings", method: .post, headers: [.contentType: "text/plain"], body: bookingBody("A1"))
            #expect(plain.status == .unsupportedMediaType && plain.object["error"] is String)
            let form = try await client.execute(
                uri: "/api/bookings", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: bookingBody("A1"))
            #expect(form.status == .unsupportedMediaType)
            let untyped = try await client.execute(uri: "/api/bookings", method: .post, body: bookingBody("A1"))
            #expect(untyped.status == .unsupportedMediaType)
            #expect(try await fixture.store.bookings(matching: .init()).isEmpty)
        }
    }

    @Test func sameOriginPagesAndClientsWithoutAnOriginKeepWorking() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            let curl = try await client.execute(uri: "/api/bookings", method: .post, headers: json, body: bookingBody("A1"))
            #expect(curl.status == .created)
            let page = try await client.execute(
                uri: "/api/bookings", method: .post, headers: json + [Self.origin: "http://localhost", Self.fetchSite: "same-origin"],
                body: bookingBody("A2"))
            #expect(page.status == .created)
            let typed = try await client.execute(uri: "/api/bookings/1", method: .delete, headers: [Self.fetchSite: "none"])
            #expect(typed.status == .ok)
        }
    }

    @Test func aCrossSiteMultipartUploadIsForbiddenAndASameOriginOneAccepted() async throws {
        let fixture = try WebFixture()
        let photo = try Data(contentsOf: try #require(TestResources.smallPhotos(1).first))
        var body = Data("--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += photo + Data("\r\n--XyZ--\r\n".utf8)
        let multipart = ByteBuffer(bytes: body)
        try await fixture.app().test(.router) { client in
            let type: HTTPFields = [.contentType: "multipart/form-data; boundary=XyZ"]
            let evil = try await client.execute(
                uri: "/api/photos?camera=cam1", method: .post, headers: type + [Self.origin: "https://evil.example"], body: multipart)
            #expect(evil.status == .forbidden && evil.object["error"] is String)
            #expect(fixture.folder.files(under: "inbox").isEmpty)
            let own = try await client.execute(
                uri: "/api/photos?camera=cam1", method: .post, headers: type + [Self.origin: "http://localhost"], body: multipart)
            #expect(own.status == .accepted)
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var fields = lhs
        fields.append(contentsOf: rhs)
        return fields
    }
}
