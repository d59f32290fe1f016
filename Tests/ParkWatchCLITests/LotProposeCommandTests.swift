import Foundation
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// `parkwatch lot propose` with the real detector on the dev camera's morning (day1: 5 photos,
/// 2 to 12 cars). Eight of its labelled spaces hold a car in two photos or more: those are the
/// spaces a proposal can find.
@Suite struct LotProposeCommandTests {
    let truth = TestResources.dataset("pklot-ufpr05-dev/day1/2013-02-22_07_15_01.xml").path

    func check(_ result: CLIRunner.Result, layout: URL) throws {
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try result.json() as? [String: Any])
        let comparison = try #require(summary["comparison"] as? [String: Any])
        let found = comparison["found"] as? [String] ?? []
        let notSpaces = comparison["not_spaces"] as? [String] ?? []
        #expect(summary["photos"] as? Int == 5)
        #expect(found.count >= 8 && notSpaces.count <= 1, "\(comparison)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: layout)) as? [String: Any])
        #expect((written["spaces"] as? [Any])?.count == found.count + notSpaces.count)
        #expect(written["imageWidth"] as? Int == 1280 && written["lot"] as? String == "ufpr05")
    }

    @Test func aFolderOfPhotosGivesTheSpacesItsCarsStoodIn() async throws {
        let folder = try TemporaryFolder("propose")
        let result = try await CLIRunner(directory: folder.url).run(
            "lot", "propose", "--photos", TestResources.dataset("pklot-ufpr05-dev/day1").path, "--out", "proposed.json",
            "--lot", "ufpr05", "--against", truth, "--json")
        try check(result, layout: folder.path("proposed.json"))
    }

    /// The stored photos of one camera in the window, as the archive keeps them.
    @Test func aCamerasStoredPhotosGiveTheSame() async throws {
        let folder = try TemporaryFolder("propose")
        let store = try ParkWatchDatabase(path: folder.path("node.sqlite").path)
        let morning = try #require(ISOTime.parse("2013-02-22T06:00:00Z"))
        for (index, file) in TestResources.pklotDay1.enumerated() {
            let at = morning + Double(index) * 600
            _ = try await store.insert(PhotoRecord(
                camera: "ufpr05", file: file.lastPathComponent, sourcePath: file.path, sha256: "sha\(index)", sizeBytes: 1, status: .ok,
                vehicles: 1, capturedAt: at, captureSource: "name", receivedAt: at, archivedPath: file.path, filed: true))
        }
        _ = try await store.insert(PhotoRecord(
            camera: "other", file: "x.png", sourcePath: "/x.png", sha256: "other", sizeBytes: 1, status: .ok, vehicles: 1,
            capturedAt: morning, captureSource: "name", receivedAt: morning, archivedPath: "/nowhere/x.png", filed: true))
        let result = try await CLIRunner(directory: folder.url).run(
            "lot", "propose", "--camera", "ufpr05", "--db", "node.sqlite", "--from", "2013-02-22", "--to", "2013-02-23",
            "--out", "proposed.json", "--lot", "ufpr05", "--against", truth, "--json")
        try check(result, layout: folder.path("proposed.json"))
    }

    /// The empty lot of day0: nothing stood anywhere, so nothing is written and the reason is given.
    @Test func anEmptyLotProposesNothingAndSaysWhy() async throws {
        let folder = try TemporaryFolder("propose")
        let result = try await CLIRunner(directory: folder.url).run(
            "lot", "propose", "--photos", TestResources.dataset("pklot-ufpr05-dev/day0").path, "--out", "proposed.json")
        #expect(result.status != 0)
        #expect(result.stderr.contains("no vehicle stood in one place"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("proposed.json").path))
    }
}
