import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// Where docs/openapi.yaml and the server used to disagree: methods the app does not serve,
/// junk booleans, empty strings, and the statuses the form posts can answer.
@Suite struct APIContractTests {
    @Test func aMethodTheAppNeverServesIs405WithAJSONError() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            for uri in ["/api/bookings", "/api/lots", "/"] {
                let traced = try await client.execute(uri: uri, method: .trace)
                #expect(traced.status == .methodNotAllowed, "TRACE \(uri)")
                #expect(traced.headers[.allow] != nil)
            }
            #expect(try await client.execute(uri: "/api/bookings", method: .trace).object["error"] is String)
        }
    }

    @Test func aJunkBooleanIs400() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let junk = try await client.send("/api/bookings?include_cancelled=junk", .get)
            #expect(junk.status == .badRequest && junk.object["error"] is String)
            #expect(try await client.send("/api/bookings?include_cancelled=true", .get).status == .ok)
            #expect(try await client.send("/api/bookings?include_cancelled=false", .get).status == .ok)
        }
    }

    @Test func theSchemaRefusesTheEmptyStringsTheServerRefuses() async throws {
        let document = try OpenAPIDocument()
        let schemas = (document.root["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let request = try #require(schemas?["BookingRequest"] as? [String: Any])
        let properties = try #require(request["properties"] as? [String: [String: Any]])
        let minLengths = properties.mapValues { $0["minLength"] as? Int ?? 0 }
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            for field in ["lot", "space", "start", "end", "holder"] {
                var body: [String: Any] = [
                    "lot": "north", "space": "A1", "holder": "Ada",
                    "start": ISOTime.format(WebFixture.now + 60), "end": ISOTime.format(WebFixture.now + 3600),
                ]
                body[field] = ""
                let answer = try await client.send("/api/bookings", .post, json: body)
                #expect((400..<500).contains(Int(answer.status.code)), "empty \(field)")
                #expect(minLengths[field] ?? 0 >= 1, "the schema lets an empty \(field) through")
            }
        }
    }

    @Test func everyStatusTheFormPostsAnswerIsDocumented() async throws {
        let document = try OpenAPIDocument()
        @Sendable func documented(_ path: String) -> Set<String> {
            Set(((document.paths[path]?["post"] as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys)
        }
        #expect(documented("/booking/{id}/cancel").isSuperset(of: ["303", "400", "401", "403", "404"]))
        #expect(documented("/booking").isSuperset(of: ["303", "400", "401", "403", "404", "409"]))
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let garbled = try await client.execute(
                uri: "/booking/1/cancel", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=%zz&csrf[=1"))
            #expect(documented("/booking/{id}/cancel").contains(String(garbled.status.code)), "answered \(garbled.status.code)")
        }
    }
}
