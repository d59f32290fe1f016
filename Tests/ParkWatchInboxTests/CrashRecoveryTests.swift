import Foundation
import Testing
@testable import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// A crash at any point between reading, writing the row and moving the file must neither lose
/// the photo nor count it twice. Each test "crashes" a processor at one step, then does what a
/// restarted service does: reconcile, then process what is left in the inbox.
@Suite struct CrashRecoveryTests {
    @Test(arguments: FilingStep.allCases)
    func aCrashAtAnyStepLosesNothingAndCountsOnce(_ step: FilingStep) async throws {
        let fixture = try PipelineFixture()
        let source = try #require(TestResources.smallPhotos(1).first)
        let photo = try fixture.drop(source)
        await #expect(throws: InjectedCrash(step: step)) { _ = try await fixture.processor(.crash(at: step)).process(photo) }

        try await restart(fixture)
        let rows = try await fixture.rows()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.status == .ok && row.filed)
        #expect(fixture.archived(row) == FileManager.default.contents(atPath: source.path))
        #expect(fixture.folder.files(under: "inbox").isEmpty)
        #expect(fixture.folder.files(under: "archive").count == 1)
    }

    /// The move links the archive copy before unlinking the inbox one: a crash in between leaves both.
    @Test func aCrashBetweenLinkAndUnlinkLeavesOneCopy() async throws {
        let fixture = try PipelineFixture()
        let source = try #require(TestResources.smallPhotos(1).first)
        let photo = try fixture.drop(source)
        await #expect(throws: InjectedCrash(step: .afterInsert)) {
            _ = try await fixture.processor(.crash(at: .afterInsert)).process(photo)
        }
        let pending = try #require(try await fixture.rows().first)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: pending.archivedPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(link(photo.url.path, pending.archivedPath) == 0)

        try await restart(fixture)
        #expect(try await fixture.rows().map(\.filed) == [true])
        #expect(fixture.folder.files(under: "inbox").isEmpty)
        #expect(fixture.folder.files(under: "archive").count == 1)
    }

    @Test func aRestartWithNothingPendingChangesNothing() async throws {
        let fixture = try PipelineFixture()
        let photo = try fixture.drop(try #require(TestResources.smallPhotos(1).first))
        _ = try await fixture.processor().process(photo)
        let before = try await fixture.rows()
        try await restart(fixture)
        #expect(try await fixture.rows() == before)
    }

    private func restart(_ fixture: PipelineFixture) async throws {
        let processor = try fixture.processor()
        #expect(try await processor.reconcile().isEmpty)
        for url in InboxScanner.candidates(in: fixture.inbox) {
            _ = try await processor.process(Photo(at: url, inbox: fixture.inbox, receivedAt: Date()))
        }
    }
}
