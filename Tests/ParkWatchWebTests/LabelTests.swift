import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb
import Testing

/// Labels through the API and the labelling page, on photos the real pipeline read: stored with
/// the photo, and refused with a clear error when they cannot be right.
@Suite(.serialized) struct LabelTests {
    static func served(_ body: @escaping @Sendable (any TestClientProtocol, [Int64]) async throws -> Void) async throws {
        let fixture = try PipelineFixture()
        try await fixture.processDay1()
        let store = try fixture.store()
        let photos = try await store.readPhotos(camera: "cam1", limit: 10).map(\.id)
        #expect(photos.count == 5)
        let app = WebApp.buildApplication(source: .node(store), settings: fixture.web, clock: WebClock { Date() }, logger: Logger(label: "label-test"))
        try await app.test(.router) { client in try await body(client, photos) }
    }

    @Test func labelsAreStoredWithThePhotoAndBadOnesAreRefused() async throws {
        try await Self.served { client, photos in
            let photo = try #require(photos.first)
            let stored = try await client.send("/api/photos/\(photo)/labels", .post, json: ["labels": ["1": true, "2": false]])
            #expect(stored.status == .ok, "\(stored.text)")
            #expect(stored.object["labels"] as? [String: Bool] == ["1": true, "2": false] && stored.object["camera"] as? String == "cam1")
            let again = try await client.send("/api/photos/\(photo)/labels", .post, json: ["labels": ["2": true]])
            #expect(again.object["labels"] as? [String: Bool] == ["1": true, "2": true])
            #expect(try await client.send("/api/photos/\(photo)/labels", .get).object["labels"] as? [String: Bool] == ["1": true, "2": true])

            let unknown = try await client.send("/api/photos/\(photo)/labels", .post, json: ["labels": ["99": true]])
            #expect(unknown.status == .badRequest && (unknown.object["error"] as? String)?.contains("space 99 is not in the layout") == true)
            let empty = try await client.send("/api/photos/\(photo)/labels", .post, json: ["labels": [String: Bool]()])
            #expect(empty.status == .badRequest)
            let junk = try await client.send("/api/photos/\(photo)/labels", .post, json: ["labels": ["1": "yes"]])
            #expect(junk.status == .badRequest && junk.object["error"] is String)
            #expect(try await client.send("/api/photos/999999/labels", .post, json: ["labels": ["1": true]]).status == .notFound)
            #expect(try await client.send("/api/photos/\(photo)/labels", .get).object["labels"] as? [String: Bool] == ["1": true, "2": true])
        }
    }

    /// The page draws the photo's 40 spaces and posts every one; a form for another camera's
    /// page is refused.
    @Test func thePageShowsTheSpacesAndItsFormStoresThem() async throws {
        try await Self.served { client, photos in
            let photo = try #require(photos.last)
            let page = try await client.execute(uri: "/label/cam1?photo=\(photo)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<polygon class=\"label-space").count - 1 == 40)
            #expect(page.text.contains("/images/\(photo)?original=1"))
            let token = try #require(page.text.range(of: "name=\"csrf\" value=\"").map { page.text[$0.upperBound...].prefix { $0 != "\"" } })
            let fields = ["csrf=\(token)", "photo=\(photo)", "space.1=occupied", "space.2=free"].joined(separator: "&")
            let posted = try await client.execute(
                uri: "/label/cam1", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: fields))
            #expect(posted.status == .seeOther, "\(posted.text)")
            #expect(posted.headers[.location] == "/label/cam1?photo=\(photo)&saved=2")
            #expect(try await client.send("/api/photos/\(photo)/labels", .get).object["labels"] as? [String: Bool] == ["1": true, "2": false])
            let wrongCamera = try await client.execute(
                uri: "/label/cam2", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: fields))
            #expect(wrongCamera.status == .badRequest && wrongCamera.text.contains("is a photo of camera cam1"))
            #expect(try await client.execute(uri: "/label/cam2", method: .get).status == .notFound)
        }
    }
}
