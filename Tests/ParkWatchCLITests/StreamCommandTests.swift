import Foundation
import ParkWatchTestSupport
import Testing

/// `stream`, `status` and `annotate` as a user runs them, on the seed video.
@Suite struct StreamCommandTests {
    private let video = TestResources.dataset("seed-lot/parking_crop.mp4").path
    private let mask = TestResources.dataset("seed-lot/mask_crop.png").path

    @Test func streamingAFileStoresSamplesThatStatusShows() async throws {
        let folder = try TemporaryFolder("cli-stream")
        let cli = CLIRunner(directory: folder.url)
        #expect(try await cli.run("lot", "import", "--from-mask", mask, "--out", "seed.json").status == 0)
        let streamed = try await cli.run(
            "stream", video, "--camera", "seed", "--every", "10", "--layout", "seed.json",
            "--classifier", TestResources.classifier, "--start", "2026-01-05T08:00:00Z")
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let lines = streamed.stdout.split(separator: "\n")
        #expect(lines.map { $0.prefix(20) } == ["2026-01-05T08:00:00Z", "2026-01-05T08:00:10Z", "2026-01-05T08:00:20Z"])
        #expect(lines.allSatisfy { $0.contains("/14") })
        #expect(streamed.stderr.contains("layout drawn for 381x453, frames are 380x452"))

        let status = try await cli.run("status", "--json")
        #expect(status.status == 0, "\(status.stderr)")
        let rows = try #require(try status.json() as? [[String: Any]])
        let seed = try #require(rows.first)
        #expect(rows.count == 1 && seed["camera"] as? String == "seed")
        #expect(seed["state"] as? String == "offline" && seed["last_error"] as? String == "end of video")
        #expect(seed["last_reading_at"] as? String == "2026-01-05T08:00:20Z" && seed["total"] as? Int == 14)
    }

    @Test func annotateWritesTheVideo() async throws {
        let folder = try TemporaryFolder("cli-annotate")
        let result = try await CLIRunner(directory: folder.url).run(
            "annotate", video, "--lot", mask, "--out", "out.mp4", "--no-detector", "--classifier", TestResources.classifier)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("out.mp4: 849 frames"))
        let size = try FileManager.default.attributesOfItem(atPath: folder.path("out.mp4").path)[.size] as? Int
        #expect((size ?? 0) > 100_000)
    }

    @Test func aMissingVideoIsARuntimeFailureOnOneLine() async throws {
        let folder = try TemporaryFolder("cli-stream")
        let result = try await CLIRunner(directory: folder.url).run("annotate", "nothing.mp4", "--lot", mask, "--out", "out.mp4", "--no-detector",
                                                              "--classifier", TestResources.classifier)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("parkwatch: video nothing.mp4 could not be opened"))
    }
}
