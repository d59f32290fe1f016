import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// `parkwatch_inbox_ignored_files`: files the watcher leaves alone past the limit, counted at
/// scrape time like the backlog; an upload still being written is not one of them.
@Suite struct IgnoredFilesMetricTests {
    @Test func filesIgnoredPastTheLimitAreCountedAndUploadsInProgressAreNot() async throws {
        let fixture = try WebFixture()
        let folder = try fixture.folder.folder("inbox/cam1")
        for name in [".hidden.jpg", "..jpg", "stalled.jpg.part", "fresh.jpg.part"] {
            let url = folder.appendingPathComponent(name)
            try Data("x".utf8).write(to: url)
            if name != "fresh.jpg.part" { try FileManager.default.setAttributes([.modificationDate: Date() - 7200], ofItemAtPath: url.path) }
        }
        try await fixture.app().test(.router) { client in
            let text = try await client.send("/metrics", .get).text
            #expect(text.contains("\nparkwatch_inbox_ignored_files 3.0\n"), "\(text)")
        }
    }
}
