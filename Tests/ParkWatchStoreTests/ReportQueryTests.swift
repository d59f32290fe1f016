import Foundation
import GRDB
import Testing
import ParkWatchTestSupport
@testable import ParkWatchStore

/// The report's fast reads: the same answers GRDB's own decoding gives, from the covering indexes.
@Suite struct ReportQueryTests {
    @Test func theFixedFormatParserAgreesWithGRDBOnEveryKindOfDate() throws {
        var generator = SystemRandomNumberGenerator()
        let samples = (0..<2_000).map { _ in Double(Int.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)) / 1000 }
        // 1970, leap day 2000, DST night; and 2000-12-10 22:03:22.603, which a sum in another order than
        // Foundation's got wrong in the last bit.
        let edges: [Double] = [0, -0.001, 951_782_400, 1_711_846_800.5, 4_102_444_799.999, 976_485_802.603]
        for seconds in samples + edges {
            var stored = try #require(String.fromDatabaseValue(Date(timeIntervalSince1970: seconds).databaseValue))
            let parsed = try #require(stored.withUTF8 { StoredDate.parse($0) })
            #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.0005, "\(stored)")
            #expect(parsed == Date.fromDatabaseValue(stored.databaseValue), "\(stored)")
        }
    }

    @Test(arguments: ["2025-03-30 01:30:00", "2025-03-30T01:30:00.250", "2025-03-30 01:30", "2025-03-30"])
    func otherStoredFormatsFallBackToGRDB(_ text: String) throws {
        var copy = text
        let parsed = copy.withUTF8 { StoredDate.parse($0) }
        #expect(parsed != nil)
        #expect(parsed == Date.fromDatabaseValue(text.databaseValue))
    }

    @Test(arguments: ["2025-02-30 10:00:00.000", "2025-13-01 10:00:00.000", "yesterday at noon"])
    func textThatIsNoDateIsNotADate(_ text: String) {
        var copy = text
        #expect(copy.withUTF8 { StoredDate.parse($0) } == Date.fromDatabaseValue(text.databaseValue))
    }

    @Test func countsComeInTimeOrderWithTiesByPhotoInsideTheHalfOpenWindow() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let minutes = [5, 0, 5, 10, 60]  // two photos share minute 5; minute 60 is the window's end
        for (index, minute) in minutes.enumerated() {
            try await insertReading(store, at: minute, occupied: index)
        }
        let counts = try await store.occupiedCounts(camera: "cam1", from: at(0), to: at(60))
        #expect(counts.map(\.at) == [at(0), at(5), at(5), at(10)])
        #expect(counts.map(\.count) == [1, 0, 2, 3])
        #expect(counts.allSatisfy { $0.total == 40 })
        let vehicles = try await store.vehicleCounts(camera: "cam1", from: at(1), to: at(61))
        #expect(vehicles.map(\.count) == [0, 2, 3, 4])
    }

    @Test func aSpaceEntersTheWindowWithItsLastChangeBefore() async throws {
        let store = try ParkWatchDatabase.inMemory()
        try await insertReading(store, at: 0, occupied: 1, changes: [("A", "occupied"), ("B", "free")])
        try await insertReading(store, at: 30, occupied: 0, changes: [("A", "free")])
        try await insertReading(store, at: 90, occupied: 1, changes: [("A", "occupied"), ("B", "occupied")])
        let changes = try await store.spaceChanges(camera: "cam1", from: at(45), to: at(90))
        #expect(changes == [SpaceStateAt(space: "A", at: at(30), state: "free"), SpaceStateAt(space: "B", at: at(0), state: "free")])
    }

    /// A window late in a long history seeks each space's newest change before it and its
    /// changes in it; a scan over every change before the window made December's report slow.
    @Test func theSpaceChangesSeekEachSpaceRatherThanScanTheHistoryBefore() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let plan = try await store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ParkWatchDatabase.spaceChangesSQL, arguments: ["camera": "c", "from": "a", "to": "b"])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX space_change_by_space (camera=? AND space=? AND at<?)") }, "\(plan)")
        #expect(plan.contains { $0.contains("COVERING INDEX space_change_by_space (camera=? AND space=? AND at>? AND at<?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN space_change") || $0.hasPrefix("SCAN c") }, "\(plan)")
    }

    /// Sorting millions of rows in a temporary B-tree is what made a year's report slow.
    @Test func theReportReadsOnlyCoveringIndexesAndNeverSorts() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let plans = try await store.read { db in
            try [
                "SELECT captured_at, occupied, total FROM space_reading WHERE camera = 'c' AND captured_at >= 'a' AND captured_at < 'b' ORDER BY captured_at, photo_id",
                "SELECT captured_at, vehicles FROM photo WHERE camera = 'c' AND status = 'ok' AND captured_at >= 'a' AND captured_at < 'b' AND vehicles IS NOT NULL ORDER BY captured_at, id",
                "SELECT COUNT(*), AVG(vehicles) FROM photo WHERE camera = 'c' AND captured_at >= 'a' AND captured_at < 'b' AND status = 'ok'",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        for plan in plans {
            #expect(plan.contains("COVERING INDEX"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    private func at(_ minute: Int) -> Date { Date(timeIntervalSince1970: 1_735_689_600 + Double(minute * 60)) }

    private func insertReading(_ store: ParkWatchDatabase, at minute: Int, occupied: Int, changes: [(String, String)] = []) async throws {
        var photo = StoreTests.record(UUID().uuidString, vehicles: occupied)
        photo.capturedAt = at(minute)
        let reading = SpaceReadingRecord(
            camera: "cam1", capturedAt: at(minute), total: 40, occupied: occupied, free: 40 - occupied, unknown: 0,
            freeSpaces: "", rawStates: "", rawConfidence: Data())
        let changeRecords = changes.map { SpaceChangeRecord(camera: "cam1", space: $0.0, at: at(minute), state: $0.1, confidence: 0.9) }
        _ = try await store.insert(photo, occupancy: OccupancyWrite(spaceIDs: ["A", "B"], reading: reading, changes: changeRecords, tracks: []))
    }
}
