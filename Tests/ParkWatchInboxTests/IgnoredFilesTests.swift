import Foundation
import Logging
import ServiceLifecycle
import Testing
@testable import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// Files the watcher never takes are not left in silence: hidden names, hidden folders and
/// stalled uploads are reported once they stay past the limit; a camera folder whose id clashes
/// with another's is refused and reported at once. A recovery after a crash is logged at notice.
@Suite struct IgnoredFilesTests {
    static let neverTaken = ["cam1/..jpg", "cam1/.hidden.jpg", ".../a.jpg", "..\\../a.jpg", ".hidden/a.jpg", "cam1/stalled.jpg.part"]

    /// Valid photos under names the watcher never takes, two hours old, and an upload in progress.
    func dropNeverTaken(_ fixture: PipelineFixture) throws {
        let photo = try Data(contentsOf: try #require(TestResources.smallPhotos(1).first))
        let old = Date() - 7200
        for path in Self.neverTaken {
            let url = fixture.inbox.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try photo.write(to: url)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }
        try photo.write(to: fixture.inbox.appendingPathComponent("cam1/uploading.jpg.part"))
    }

    func run(_ fixture: PipelineFixture, log: CapturedLog, _ body: (AsyncStream<ProcessedPhoto>) async throws -> Void) async throws {
        let (processed, sink) = AsyncStream.makeStream(of: ProcessedPhoto.self)
        let service = InboxService(
            inbox: fixture.inbox, processor: try fixture.processor(), logger: log.logger, settle: .milliseconds(100),
            ignoredAfter: 3600, onProcessed: { sink.yield($0) })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(processed)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func filesNeverTakenAreLoggedOnceTheyStayPastTheLimit() async throws {
        let fixture = try PipelineFixture()
        try dropNeverTaken(fixture)
        let log = CapturedLog()
        try await run(fixture, log: log) { _ in
            for path in Self.neverTaken {
                let file = fixture.inbox.appendingPathComponent(path).path
                let line = await log.first(within: liveDeadline) { $0.metadata["file"] == file }
                #expect(line?.level == .warning, "\(path) was not reported")
            }
        }
        #expect(!log.all.contains { $0.metadata["file"]?.hasSuffix("uploading.jpg.part") == true }, "an upload in progress is left alone")
        #expect(try await fixture.rows().isEmpty)
    }

    @Test func theScanListsWhatStatusShowsAndTheReporterLogsEachFileOnce() throws {
        let fixture = try PipelineFixture()
        try dropNeverTaken(fixture)
        let listed = IgnoredFiles.scan(fixture.inbox).map(\.path)
        #expect(listed == Self.neverTaken.sorted())
        let log = CapturedLog()
        let reporter = IgnoredFilesReporter(inbox: fixture.inbox, limit: 3600, logger: log.logger)
        reporter.report()
        reporter.report()
        #expect(log.all.count == Self.neverTaken.count)
    }

    @Test func aSecondFolderWithTheSameCameraIDIsRefusedAndReported() async throws {
        let fixture = try PipelineFixture()
        let photos = TestResources.smallPhotos(2)
        try fixture.drop(try #require(photos.first), camera: "cam_2", as: "a.jpg")
        try fixture.drop(try #require(photos.last), camera: "cam 2", as: "b.jpg")
        let log = CapturedLog()
        try await run(fixture, log: log) { processed in
            var iterator = processed.makeAsyncIterator()
            let first = await iterator.next()
            #expect(first?.record.file == "a.jpg")
            let refused = await log.first(within: liveDeadline) { $0.message.contains("camera folder 'cam 2' refused") }
            #expect(refused?.level == .error)
        }
        #expect(try await fixture.rows().map(\.file) == ["a.jpg"])
        #expect(FileManager.default.fileExists(atPath: fixture.inbox.appendingPathComponent("cam 2/b.jpg").path))
        let listed = IgnoredFiles.scan(fixture.inbox)
        #expect(listed.map(\.path) == ["cam 2/b.jpg"] && listed.first?.refused == true)
    }

    @Test func aRecoveryAfterACrashIsLoggedAtNotice() async throws {
        let fixture = try PipelineFixture()
        let photo = try fixture.drop(try #require(TestResources.smallPhotos(1).first))
        await #expect(throws: InjectedCrash(step: .afterInsert)) {
            _ = try await fixture.processor(.crash(at: .afterInsert)).process(photo)
        }
        let log = CapturedLog()
        try await run(fixture, log: log) { processed in
            var iterator = processed.makeAsyncIterator()
            let first = await iterator.next()
            #expect(first?.outcome == .recovered)
        }
        let line = log.all.first { $0.message == "recovered" }
        #expect(line?.level == .notice)
    }
}
