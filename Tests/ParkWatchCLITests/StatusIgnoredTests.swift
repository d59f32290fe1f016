import Foundation
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// `parkwatch status` lists what the inbox leaves alone: files ignored past the limit, and the
/// files of a camera folder refused for an id another folder already has.
@Suite struct StatusIgnoredTests {
    @Test func statusListsIgnoredFilesAndRefusedFolders() async throws {
        let folder = try TemporaryFolder("cli-status-ignored")
        _ = try ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path)
        for path in ["inbox/cam_2/a.jpg", "inbox/cam 2/b.jpg", "inbox/cam1/.hidden.jpg", "inbox/cam1/new.jpg.part"] {
            let url = folder.path(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        try FileManager.default.setAttributes([.modificationDate: Date() - 7200], ofItemAtPath: folder.path("inbox/cam1/.hidden.jpg").path)
        let cli = CLIRunner(directory: folder.url)
        let status = try await cli.run("status", "--json")
        #expect(status.status == 0, "\(status.stderr)")
        let rows = try #require(try status.json() as? [[String: Any]])
        let files = rows.compactMap { row in (row["file"] as? String).map { "\(row["state"] ?? "") \($0)" } }
        #expect(files == ["refused cam 2/b.jpg", "ignored cam1/.hidden.jpg"])
        let text = try await cli.run("status")
        #expect(text.stdout.contains("cam 2/b.jpg") && text.stdout.contains("refused: its id 'cam_2' is already taken by folder 'cam_2'"))
    }
}
