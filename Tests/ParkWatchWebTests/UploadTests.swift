import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// `POST /api/photos` drops into the inbox; `GET /api/photos/{id}` follows the upload.
@Suite struct UploadTests {
    func jpeg() throws -> Data {
        try Data(contentsOf: try #require(TestResources.smallPhotos(1).first))
    }

    func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aPhotoLandsInTheCameraFolderUnderANameOfOurOwn() async throws {
        let fixture = try WebFixture()
        let photo = try jpeg()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/photos?camera=cam1", method: .post, headers: [.contentType: "image/jpeg"], body: ByteBuffer(bytes: photo))
            #expect(response.status == .accepted)
            let id = sha256(photo)
            #expect(response.object["id"] as? String == id && response.object["status"] as? String == "pending")
            #expect(response.headers[.location] == "/api/photos/\(id)")
            let files = fixture.folder.files(under: "inbox")
            #expect(files.count == 1)
            let name = try #require(files.first)
            #expect(name.wholeMatch(of: /inbox\/cam1\/upload-[a-z]{12}\.jpg/) != nil, "no dotfile left, no client name used")
            #expect(FileManager.default.contents(atPath: fixture.folder.path(name).path) == photo)
            let pending = try await client.send("/api/photos/\(id)", .get)
            #expect(pending.status == .accepted && pending.object["status"] as? String == "pending")
            #expect(try await client.send("/api/photos/\(String(repeating: "0", count: 64))", .get).status == .notFound)
        }
    }

    @Test func multipartUploadsWorkAsCurlSendsThem() async throws {
        let fixture = try WebFixture()
        let photo = try jpeg()
        var body = Data("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
        body += Data("--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../etc/passwd\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        body += photo + Data("\r\n--XyZ--\r\n".utf8)
        let multipart = body
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/photos?camera=cam1", method: .post, headers: [.contentType: "multipart/form-data; boundary=XyZ"],
                body: ByteBuffer(bytes: multipart))
            #expect(response.status == .accepted && response.object["id"] as? String == sha256(photo))
            let name = try #require(fixture.folder.files(under: "inbox").first)
            #expect(FileManager.default.contents(atPath: fixture.folder.path(name).path) == photo)
        }
    }

    @Test func whatIsNotAnImageIsRefusedAndNothingIsWritten() async throws {
        var fixture = try WebFixture()
        fixture.settings.maxUploadBytes = 4000
        let photo = try jpeg()
        try await fixture.app().test(.router) { client in
            let text = try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(string: "hello, I am not a photo"))
            #expect(text.status == .unsupportedMediaType && text.object["error"] != nil)
            let typed = try await client.execute(uri: "/api/photos?camera=cam1", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x"))
            #expect(typed.status == .unsupportedMediaType)
            let cut = try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(bytes: photo.prefix(photo.count / 2)))
            #expect(cut.status == .unprocessableContent)
            let large = try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(bytes: Data(count: 100_000)))
            #expect(large.status == .contentTooLarge && large.object["error"] as? String == "the upload is larger than the limit of 4000 bytes")
            #expect(try await client.execute(uri: "/api/photos?camera=../etc", method: .post, body: ByteBuffer(bytes: photo)).status == .badRequest)
            #expect(try await client.execute(uri: "/api/photos?camera=cam9", method: .post, body: ByteBuffer(bytes: photo)).status == .notFound)
            #expect(try await client.execute(uri: "/api/photos", method: .post, body: ByteBuffer(bytes: photo)).status == .badRequest)
            #expect(try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: nil).status == .badRequest)
        }
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }

    @Test func writesNeedTheTokenWhenOneIsConfigured() async throws {
        let fixture = try WebFixture(token: "s3cret-token")
        try await fixture.app().test(.router) { client in
            let missing = try await client.book("A1", from: 0, to: 60)
            #expect(missing.status == .unauthorized && missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await client.book("A1", from: 0, to: 60, headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
            #expect(try await client.book("A1", from: 0, to: 60, headers: [.authorization: "Bearer s3cret-token"]).status == .created)
            #expect(try await client.execute(uri: "/api/photos?camera=cam1", method: .post, body: ByteBuffer(bytes: try jpeg())).status == .unauthorized)
            #expect(try await client.send("/api/bookings/1", .delete).status == .unauthorized)
            #expect(try await client.send("/api/bookings", .get).status == .ok, "reading needs no token")
        }
    }
}
