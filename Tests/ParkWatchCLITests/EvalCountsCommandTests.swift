import Foundation
import Testing
import ParkWatchTestSupport

@Suite struct EvalCountsCommandTests {
    /// Two real PKLot frames with their true counts: the occupied spaces, plus the dark car parked
    /// outside the spaces at 07:15.
    static func countsFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("eval-counts")
        var lines = ["file,count"]
        for (stem, extra) in [("2013-02-22_06_55_00", 0), ("2013-02-22_07_15_01", 1)] {
            let frame = try #require(TestResources.pklotDay1.first { $0.lastPathComponent == "\(stem).png" })
            try FileManager.default.copyItem(at: frame, to: folder.path(frame.lastPathComponent))
            let occupied = try TestResources.occupiedSpaces(labelledBy: frame.deletingPathExtension().appendingPathExtension("xml"))
            lines.append("\(frame.lastPathComponent),\(occupied + extra)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.path("counts.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func mae(_ folder: TemporaryFolder, _ extra: String...) async throws -> (Double, [[String: Any]]) {
        var runner = CLIRunner(directory: folder.url)
        // Counting needs only the detector: a missing classifier file must not stop it.
        runner.environment["PARKWATCH_CLASSIFIER"] = folder.path("no-classifier.onnx").path
        let result = try await runner.run(["eval", "counts", folder.url.path, "--json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try result.json() as? [String: Any])
        #expect(Set(json.keys) == ["images", "mae", "mape", "seconds", "per_image"])
        let perImage = try #require(json["per_image"] as? [[String: Any]])
        #expect(json["images"] as? Int == 2 && perImage.count == 2)
        #expect(perImage.allSatisfy { Set($0.keys) == ["file", "expected", "found"] })
        return (try #require(json["mae"] as? Double), perImage)
    }

    /// Measured: the default 4x3 tiles find all 4 and all 13; the old 3x2 grid found 11 at 07:15,
    /// where two small far cars shared one box.
    @Test func defaultTilesCountTheBusierFrameBetterThanTheOldGrid() async throws {
        let folder = try Self.countsFolder()
        let (defaultError, perImage) = try await Self.mae(folder)
        let (oldGridError, _) = try await Self.mae(folder, "--tiles", "3x2")
        print("eval counts: MAE \(defaultError) with 4x3 tiles, \(oldGridError) with 3x2; \(perImage)")
        #expect(defaultError <= 0.5)
        #expect(oldGridError > defaultError)
        #expect(perImage.map { $0["expected"] as? Int } == [4, 13])
    }

    @Test(arguments: ["0x3", "4", "4x", "ax3", "17x1"])
    func aBadTileGridIsAUsageError(_ grid: String) async throws {
        let folder = try TemporaryFolder("eval-counts")
        let result = try await CLIRunner(directory: folder.url).run("eval", "counts", folder.url.path, "--tiles", grid)
        #expect(result.status == 2 && result.stderr.contains("--tiles"), "\(grid): \(result.stderr)")
    }
}
