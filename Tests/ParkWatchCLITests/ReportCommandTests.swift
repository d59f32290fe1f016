import Foundation
import Testing
import ParkWatchStore
import ParkWatchTestSupport

/// `parkwatch report` over a database with hand-made readings whose answers are worked out below.
@Suite struct ReportCommandTests {
    /// Camera c1 (layout of 40): 10 occupied at 10:00, 20 at 10:10, nothing after. With readings
    /// holding at most 15 min, the window 10:00–10:30 is observed for 25 min:
    /// time-weighted occupied = (10 × 10 + 20 × 15) / 25 = 16, rate 16 / 40 = 0.4, coverage 25 / 30.
    func database(in folder: TemporaryFolder) async throws -> String {
        let path = folder.path("report.sqlite").path
        let store = try ParkWatchDatabase(path: path)
        for (index, (minute, occupied)) in [(0, 10), (10, 20)].enumerated() {
            let at = try #require(ISOTime.parse("2025-03-01T10:\(String(format: "%02d", minute)):00Z"))
            let photo = PhotoRecord(
                camera: "c1", file: "\(index).jpg", sourcePath: "/in/\(index).jpg", sha256: "sha\(index)", sizeBytes: 1,
                status: .ok, vehicles: occupied + 1, capturedAt: at, captureSource: "exif", receivedAt: at,
                archivedPath: "/a/\(index).jpg", filed: true)
            let reading = SpaceReadingRecord(
                camera: "c1", capturedAt: at, total: 40, occupied: occupied, free: 40 - occupied, unknown: 0,
                freeSpaces: "[]", rawStates: String(repeating: "f", count: 40), rawConfidence: Data(count: 40))
            let ids = (1...40).map(String.init)
            _ = try await store.insert(photo, occupancy: OccupancyWrite(spaceIDs: ids, reading: reading, changes: [], tracks: []))
        }
        return path
    }

    @Test func theTimeWeightedFiguresFollowTheWrittenDefinitions() async throws {
        let folder = try TemporaryFolder("report")
        let db = try await database(in: folder)
        let result = try await CLIRunner(directory: folder.url).run(
            "report", "--db", db, "--camera", "c1", "--from", "2025-03-01T10:00Z", "--to", "2025-03-01T10:30Z", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(abs((summary["coverage"] as? Double ?? 0) - 25.0 / 30) < 1e-9)
        #expect(abs((summary["time_weighted_occupied"] as? Double ?? 0) - 16) < 1e-9)
        #expect(abs((summary["occupancy_rate"] as? Double ?? 0) - 0.4) < 1e-9)
        #expect(summary["sample_mean_occupied"] as? Double == 15)
        #expect(report["photos"] as? Int == 2 && report["average_vehicles"] as? Double == 16)
    }

    /// `--config` names the database too (relative to the file's folder); `--db` still wins.
    @Test func theConfigurationsDatabaseIsTheOneReported() async throws {
        let folder = try TemporaryFolder("report")
        let db = try await database(in: folder)
        let config = try folder.folder("site").appendingPathComponent("parkwatch.yaml")
        try Data("database: ../report.sqlite\n".utf8).write(to: config)
        let runner = CLIRunner(directory: try folder.folder("elsewhere"))
        let window = ["--from", "2025-03-01T10:00Z", "--to", "2025-03-01T10:30Z", "--json"]
        let configured = try await runner.run(["report", "--config", config.path, "--camera", "c1"] + window)
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect((try configured.json() as? [String: Any])?["photos"] as? Int == 2)
        let flagged = try await runner.run(["report", "--config", config.path, "--db", folder.path("none.sqlite").path, "--camera", "c1"] + window)
        #expect(flagged.status != 0 && flagged.stderr.contains("none.sqlite"))
        #expect(db == folder.path("report.sqlite").path)
    }

    @Test func bucketsProfilesSpacesAndCSVAreThereWhenAsked() async throws {
        let folder = try TemporaryFolder("report")
        let db = try await database(in: folder)
        let runner = CLIRunner(directory: folder.url)
        let json = try await runner.run(
            "report", "--db", db, "--from", "2025-03-01T10:00Z", "--to", "2025-03-01T12:00Z", "--bucket", "hour",
            "--profile", "hour-of-day", "--spaces", "--format", "json", "--tz", "Europe/Rome")
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try json.json() as? [String: Any])
        let buckets = try #require(report["buckets"] as? [[String: Any]])
        #expect(buckets.count == 2)
        #expect((buckets.first?["start"] as? String)?.hasSuffix("+01:00") == true)
        #expect((report["profile"] as? [Any])?.count == 24)
        #expect(report["spaces"] is [Any])
        let csv = try await runner.run("report", "--db", db, "--from", "2025-03-01T10:00Z", "--to", "2025-03-01T12:00Z", "--bucket", "hour", "--format", "csv")
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").count == 4)
        let unknownLot = try await runner.run("report", "--db", db, "--lot", "nowhere", "--from", "2025-03-01", "--to", "2025-03-02")
        #expect(unknownLot.status == 1 && unknownLot.stderr.contains("nowhere"))
    }
}
