import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// docs/openapi.yaml and the server agree: same routes, and answers have the documented keys.
@Suite struct OpenAPITests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let document = try OpenAPIDocument()
        let served = Set(try WebFixture().router().routes.map { "\($0.method.rawValue) \($0.path.description)" })
        #expect(served.subtracting(document.operations).sorted() == [], "served but not documented")
        #expect(document.operations.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.count >= 17)
    }

    @Test func answersHaveTheDocumentedShape() async throws {
        let document = try OpenAPIDocument()
        var fixture = try WebFixture()
        fixture.settings.maxUploadBytes = 5000
        try await fixture.seedReadings()
        let photo = try Data(contentsOf: try #require(TestResources.smallPhotos(1).first))
        try await fixture.app().test(.router) { client in
            func check(_ method: HTTPRequest.Method, _ uri: String, _ template: String, _ response: TestResponse) throws {
                let schema = try document.responseSchema(method.rawValue, template, status: Int(response.status.code))
                let body = try #require(response.json, "\(method) \(uri) answered no JSON")
                let problems = try document.problems(body, against: schema)
                #expect(problems == [], "\(method) \(uri) → \(response.status.code)")
            }
            try check(.get, "/api/lots", "/api/lots", try await client.send("/api/lots", .get))
            try check(.get, "/api/lots/north/status", "/api/lots/{id}/status", try await client.send("/api/lots/north/status", .get))
            try check(.get, "/api/lots/x/status", "/api/lots/{id}/status", try await client.send("/api/lots/x/status", .get))
            try check(.get, "/api/lots/north/occupancy", "/api/lots/{id}/occupancy", try await client.send("/api/lots/north/occupancy?bucket=hour", .get))
            try check(.get, "/api/lots/north/occupancy", "/api/lots/{id}/occupancy", try await client.send("/api/lots/north/occupancy?bucket=year", .get))
            try check(.get, "/parking_status", "/parking_status", try await client.send("/parking_status", .get))
            try check(.get, "/api/history", "/api/history", try await client.send("/api/history?lot=north&range=today", .get))
            try check(.get, "/api/history", "/api/history", try await client.send("/api/history?lot=north&range=year", .get))
            let booked = try await client.book("A2", from: 0, to: 60)
            try check(.post, "/api/bookings", "/api/bookings", booked)
            try check(.post, "/api/bookings", "/api/bookings", try await client.book("A2", from: 30, to: 90))
            try check(.post, "/api/bookings", "/api/bookings", try await client.book("A2", from: -90, to: -30))
            try check(.post, "/api/bookings", "/api/bookings", try await client.book("B7", from: 0, to: 60))
            try check(.get, "/api/bookings", "/api/bookings", try await client.send("/api/bookings", .get))
            try check(.get, "/api/bookings/1", "/api/bookings/{id}", try await client.send("/api/bookings/1", .get))
            try check(.get, "/api/lots/north/status", "/api/lots/{id}/status", try await client.send("/api/lots/north/status", .get))
            try check(.delete, "/api/bookings/1", "/api/bookings/{id}", try await client.send("/api/bookings/1", .delete))
            try check(.delete, "/api/bookings/7", "/api/bookings/{id}", try await client.send("/api/bookings/7", .delete))
            let upload = try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(bytes: photo))
            try check(.post, "/api/photos", "/api/photos", upload)
            let id = try #require(upload.object["id"] as? String)
            try check(.get, "/api/photos/\(id)", "/api/photos/{id}", try await client.send("/api/photos/\(id)", .get))
            try check(.post, "/api/photos", "/api/photos", try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(string: "text")))
            try check(.post, "/api/photos", "/api/photos", try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(bytes: Data(count: 9000))))
        }
    }
}
