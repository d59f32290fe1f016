import Foundation
import Testing
@testable import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// Bad input never crashes the service and is never deleted: it is filed under
/// `archive/rejected/YYYY/MM/DD/<camera>/` with a row saying why.
@Suite struct BadInputTests {
    static func corpus() throws -> [(name: String, data: Data, reason: String)] {
        let jpeg = try Data(contentsOf: try #require(TestResources.pklotDay0.first))
        let png = try Data(contentsOf: try #require(TestResources.pklotDay1.first))
        var huge = png.prefix(33)
        huge.replaceSubrange(16..<24, with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])  // IHDR 100000 x 100000
        return [
            ("empty.jpg", Data(), "empty"),
            ("truncated.jpg", jpeg.prefix(jpeg.count / 2), "truncated"),
            ("notes.jpg", Data("this is not a photo\n".utf8), "not an image"),
            ("huge.png", huge + png.dropFirst(33), "absurd dimensions"),
            ("cut.png", png.prefix(png.count - 100), "truncated"),
        ]
    }

    @Test func eachBadFileIsRejectedKeptAndExplained() async throws {
        let fixture = try PipelineFixture()
        let processor = try fixture.processor()
        for item in try Self.corpus() {
            let photo = try fixture.write(item.data, as: item.name)
            let processed = try #require(try await processor.process(photo), "\(item.name)")
            let record = processed.record
            #expect(processed.outcome == .rejected, "\(item.name)")
            #expect(record.status == .rejected && record.filed)
            #expect(record.error?.contains(item.reason) == true, "\(item.name): \(record.error ?? "nil")")
            #expect(record.archivedPath.contains("/archive/rejected/"))
            #expect(record.archivedPath.hasSuffix("/cam1/\(item.name)"))
            #expect(fixture.archived(record) == item.data, "\(item.name) must be kept byte for byte")
        }
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }

    @Test func aDirectoryAndASymlinkAreRejectedWithoutFollowing() async throws {
        let fixture = try PipelineFixture()
        let dropped = try fixture.folder.folder("inbox/cam1/folder")
        try Data("inside".utf8).write(to: dropped.appendingPathComponent("x.txt"))
        let link = fixture.inbox.appendingPathComponent("cam1/link.jpg")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")
        let processor = try fixture.processor()
        for url in [dropped, link] {
            let processed = try #require(try await processor.process(Photo(at: url, inbox: fixture.inbox, receivedAt: Date())))
            #expect(processed.record.status == .rejected)
            #expect(processed.record.error?.contains("not a regular file") == true)
        }
        let archivedLink = try #require(try await fixture.rows().last?.archivedPath)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: archivedLink) == "/etc/passwd")
        #expect(fixture.folder.files(under: "archive").contains { $0.hasSuffix("folder/x.txt") })
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }

    @Test func aFileOverTheSizeLimitIsRejectedUnread() async throws {
        var fixture = try PipelineFixture()
        var settings = fixture.settings
        settings.limits.maxBytes = 1000
        fixture = PipelineFixture(folder: fixture.folder, settings: settings)
        let photo = try fixture.drop(try #require(TestResources.smallPhotos(1).first))
        let record = try #require(try await fixture.processor().process(photo)).record
        #expect(record.status == .rejected && record.error?.contains("too large") == true)
        #expect(record.sha256 == nil)
    }
}
