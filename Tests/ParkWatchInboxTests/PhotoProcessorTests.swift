import Foundation
import Testing
@testable import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

@Suite struct PhotoProcessorTests {
    @Test func aRealFrameIsCountedStoredAndFiledByCaptureDate() async throws {
        let fixture = try PipelineFixture()
        let source = try #require(TestResources.pklotDay1.first)
        let photo = try fixture.drop(source)
        let processed = try #require(try await fixture.processor().process(photo))
        let record = processed.record
        #expect(processed.outcome == .counted)
        #expect(record.status == .ok && record.filed)
        #expect((record.vehicles ?? 0) >= 1)
        #expect(record.width == 1280 && record.height == 720)
        #expect(record.captureSource == "file_name")
        #expect(ISOTime.format(record.capturedAt) == "2013-02-22T06:25:00Z")
        #expect(record.archivedPath == fixture.settings.archive.path + "/2013/02/22/cam1/2013-02-22_06_25_00.png")
        #expect(fixture.archived(record) == FileManager.default.contents(atPath: source.path))
        #expect(!FileManager.default.fileExists(atPath: photo.url.path))
        #expect(try await fixture.rows().map(\.id) == [record.id])
        #expect(try await fixture.rows().map(\.filed) == [true])
    }

    @Test func theSameContentAgainIsADuplicateCountedOnce() async throws {
        let fixture = try PipelineFixture()
        let source = try #require(TestResources.smallPhotos(1).first)
        let processor = try fixture.processor()
        let first = try #require(try await processor.process(try fixture.drop(source, as: "a.jpg")))
        let second = try #require(try await processor.process(try fixture.drop(source, camera: "cam2", as: "a.jpg")))
        #expect(first.outcome == .counted && second.outcome == .duplicate)
        #expect(second.record.status == .duplicate && second.record.duplicateOf == first.record.id)
        #expect(second.record.archivedPath.contains("/duplicates/"))
        #expect(fixture.archived(second.record) != nil)
        let counted = try await fixture.store().vehicleSummary(matching: PhotoFilter())
        #expect(counted.photos == 1)
    }

    @Test func aNameCollisionGetsASuffixNotAnOverwrite() async throws {
        let fixture = try PipelineFixture()
        let sources = TestResources.smallPhotos(2)
        let processor = try fixture.processor()
        let first = try #require(try await processor.process(try fixture.drop(sources[0], as: "snap.jpg")))
        let second = try #require(try await processor.process(try fixture.drop(sources[1], as: "snap.jpg")))
        #expect(first.record.archivedPath != second.record.archivedPath)
        #expect(second.record.archivedPath.hasSuffix("snap-1.jpg"))
        #expect(fixture.archived(first.record) == FileManager.default.contents(atPath: sources[0].path))
        #expect(fixture.archived(second.record) == FileManager.default.contents(atPath: sources[1].path))
    }

    @Test func aVanishedEntryIsNotAnError() async throws {
        let fixture = try PipelineFixture()
        let ghost = Photo(at: fixture.inbox.appendingPathComponent("cam1/gone.jpg"), inbox: fixture.inbox, receivedAt: Date())
        #expect(try await fixture.processor().process(ghost) == nil)
        #expect(try await fixture.rows().isEmpty)
    }

    @Test func cameraAndFileNamesFromUploadersAreSanitised() throws {
        let inbox = URL(fileURLWithPath: "/srv/inbox")
        let photo = Photo(at: inbox.appendingPathComponent("cam 1;rm -rf/..evil name.jpg"), inbox: inbox, receivedAt: Date())
        #expect(photo.camera == "cam_1_rm_-rf")
        #expect(!photo.name.contains("/") && !photo.name.hasPrefix("."))
        let straight = Photo(at: inbox.appendingPathComponent("x.jpg"), inbox: inbox, receivedAt: Date())
        #expect(straight.camera == "default")
    }
}
