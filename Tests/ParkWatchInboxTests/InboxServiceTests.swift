import Foundation
import Logging
import ServiceLifecycle
import Testing
@testable import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// The watcher in process, fed by real copies and renames, as a camera or an FTP server would.
@Suite struct InboxServiceTests {
    @Test func photosWaitingAtStartAreProcessedOldestFirst() async throws {
        let fixture = try PipelineFixture()
        let sources = TestResources.smallPhotos(3)
        for (index, source) in sources.enumerated() {
            let photo = try fixture.drop(source, camera: index == 2 ? nil : "cam\(index)", as: "p\(index).jpg")
            let age = Date().addingTimeInterval(Double(-60 * (index + 1)))  // the last dropped is the oldest
            try FileManager.default.setAttributes([.modificationDate: age], ofItemAtPath: photo.url.path)
        }
        try await withRunningService(fixture) { log in
            #expect(await eventually { log.count == 3 })
            #expect(log.records.map(\.file) == ["p2.jpg", "p1.jpg", "p0.jpg"])
            #expect(log.records.map(\.camera) == ["default", "cam1", "cam0"])
        }
    }

    @Test func aCopyIntoACameraFolderIsProcessedOnce() async throws {
        let fixture = try PipelineFixture()
        try fixture.folder.folder("inbox/cam1")
        let source = try #require(TestResources.pklotDay1.last)
        try await withRunningService(fixture) { log in
            try fixture.drop(source)
            #expect(await eventually { log.count == 1 })
            let record = try #require(log.records.first)
            #expect(record.status == .ok && record.archivedPath.hasSuffix("/2013/02/22/cam1/\(source.lastPathComponent)"))
        }
        #expect(try await fixture.rows().count == 1)
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }

    @Test func anUploadUnderATemporaryNameWaitsForItsRename() async throws {
        let fixture = try PipelineFixture()
        let camera = try fixture.folder.folder("inbox/cam1")
        let data = try Data(contentsOf: try #require(TestResources.smallPhotos(1).first))
        try await withRunningService(fixture) { log in
            for name in ["upload.jpg.part", ".hidden.jpg", "upload.jpg.filepart", "upload.jpg~"] {
                try data.write(to: camera.appendingPathComponent(name))
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(log.count == 0)
            try FileManager.default.moveItem(
                at: camera.appendingPathComponent("upload.jpg.part"), to: camera.appendingPathComponent("upload.jpg"))
            #expect(await eventually { log.count == 1 })
            #expect(log.records.first?.file == "upload.jpg")
        }
        #expect(Set(fixture.folder.files(under: "inbox/cam1")) ==
                ["inbox/cam1/.hidden.jpg", "inbox/cam1/upload.jpg.filepart", "inbox/cam1/upload.jpg~"])
    }

    @Test func aCameraFolderCreatedWhileRunningIsWatched() async throws {
        let fixture = try PipelineFixture()
        let sources = TestResources.smallPhotos(2)
        try await withRunningService(fixture) { log in
            // Moved in whole, already holding a photo: the folder must be scanned, not only watched.
            let staged = try fixture.folder.folder("staging/north-gate")
            try FileManager.default.copyItem(at: sources[0], to: staged.appendingPathComponent("a.jpg"))
            try FileManager.default.moveItem(at: staged, to: fixture.inbox.appendingPathComponent("north-gate"))
            #expect(await eventually { log.count == 1 })
            try fixture.drop(sources[1], camera: "north-gate", as: "b.jpg")
            #expect(await eventually { log.count == 2 })
            #expect(log.records.map(\.camera) == ["north-gate", "north-gate"])
        }
    }

    @Test func garbageBesideGoodPhotosIsRejectedAndTheServiceGoesOn() async throws {
        let fixture = try PipelineFixture()
        let camera = try fixture.folder.folder("inbox/cam1")
        let sources = TestResources.smallPhotos(2)
        try await withRunningService(fixture) { log in
            try fixture.drop(sources[0])
            try Data("garbage".utf8).write(to: camera.appendingPathComponent("garbage.jpg"))
            try FileManager.default.createDirectory(at: camera.appendingPathComponent("dir"), withIntermediateDirectories: false)
            try fixture.drop(sources[1])
            #expect(await eventually { log.count == 4 })
            // Files dropped together may be taken in any order.
            #expect(log.records.map(\.status.rawValue).sorted() == ["ok", "ok", "rejected", "rejected"])
            #expect(log.records.filter { $0.status == .ok }.map(\.file).sorted() == sources.map(\.lastPathComponent).sorted())
        }
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }
}

/// What the service reported, in order; filled from the service's callback.
final class ProcessedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PhotoRecord] = []

    func append(_ processed: ProcessedPhoto) { lock.withLock { items.append(processed.record) } }
    var records: [PhotoRecord] { lock.withLock { items } }
    var count: Int { records.count }
}
