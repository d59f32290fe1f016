import Foundation
import Synchronization
import Testing
import ParkWatchTestSupport
@testable import ParkWatchStore

@Suite struct StoreTests {
    static func record(
        _ sha: String?, camera: String = "cam1", status: PhotoRecord.Status = .ok, vehicles: Int? = 3,
        captured: String = "2013-02-22T06:25:00Z", filed: Bool = true
    ) -> PhotoRecord {
        PhotoRecord(
            camera: camera, file: "x.png", sourcePath: "/inbox/\(camera)/x.png", sha256: sha, sizeBytes: 10,
            status: status, vehicles: vehicles, capturedAt: ISOTime.parse(captured)!, captureSource: "file_name",
            receivedAt: Date(timeIntervalSince1970: 1_700_000_000), archivedPath: "/archive/x.png", filed: filed)
    }

    @Test func reopeningAFileKeepsRowsAndDoesNotMigrateTwice() async throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("db.sqlite").path
        let stored = try await ParkWatchDatabase(path: path).insert(Self.record("a"))
        let reopened = try ParkWatchDatabase(path: path)
        let again = try await reopened.photo(id: stored.id!)
        #expect(again == stored)
        let mode = try await reopened.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// `status` can open the file while `watch` creates it: every opener must see a whole schema.
    @Test func openersRacingOnANewFileAllSucceed() throws {
        let folder = try TemporaryFolder()
        for round in 0..<12 {
            let path = folder.url.appendingPathComponent("race\(round).sqlite").path
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try ParkWatchDatabase(path: path) } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 } == [], "round \(round)")
        }
    }

    @Test func countedContentIsUnique() async throws {
        let store = try ParkWatchDatabase.inMemory()
        _ = try await store.insert(Self.record("same"))
        await #expect(throws: StoreError.contentAlreadyCounted(sha256: "same")) {
            _ = try await store.insert(Self.record("same"))
        }
        // The same content may be stored again as a duplicate or a rejection: only `ok` is counted.
        _ = try await store.insert(Self.record("same", status: .duplicate, vehicles: nil))
        _ = try await store.insert(Self.record("same", status: .rejected, vehicles: nil))
        #expect(try await store.photos(matching: PhotoFilter()).count == 3)
    }

    @Test func unfiledRowsAreFoundByContentOrByPathWhenThereIsNoContent() async throws {
        let store = try ParkWatchDatabase.inMemory()
        let pending = try await store.insert(Self.record("abc", filed: false))
        let folderRow = try await store.insert(Self.record(nil, status: .rejected, vehicles: nil, filed: false))
        #expect(try await store.unfiledPhoto(sha256: "abc", sourcePath: "/elsewhere")?.id == pending.id)
        #expect(try await store.unfiledPhoto(sha256: nil, sourcePath: "/inbox/cam1/x.png")?.id == folderRow.id)
        try await store.markFiled(id: pending.id!, archivedPath: "/archive/y.png")
        #expect(try await store.unfiledPhoto(sha256: "abc", sourcePath: "/x") == nil)
        #expect(try await store.photo(id: pending.id!)?.archivedPath == "/archive/y.png")
        #expect(try await store.unfiledPhotos().map(\.id) == [folderRow.id])
        await #expect(throws: StoreError.photoNotFound(id: 999)) { try await store.markFiled(id: 999, archivedPath: "") }
    }

    @Test func historyFiltersByCameraAndHalfOpenWindow() async throws {
        let store = try ParkWatchDatabase.inMemory()
        _ = try await store.insert(Self.record("1", captured: "2013-02-22T06:00:00Z"))
        _ = try await store.insert(Self.record("2", captured: "2013-02-22T07:00:00Z"))
        _ = try await store.insert(Self.record("3", camera: "cam2", captured: "2013-02-22T06:30:00Z"))
        let window = PhotoFilter(from: ISOTime.parse("2013-02-22T06:00:00Z"), to: ISOTime.parse("2013-02-22T07:00:00Z"))
        #expect(try await store.photos(matching: window).map(\.sha256) == ["1", "3"])
        var cam1 = window
        cam1.camera = "cam1"
        #expect(try await store.photos(matching: cam1).map(\.sha256) == ["1"])
    }

    @Test func summaryAveragesCountedPhotosOnly() async throws {
        let store = try ParkWatchDatabase.inMemory()
        _ = try await store.insert(Self.record("1", vehicles: 2))
        _ = try await store.insert(Self.record("2", vehicles: 5))
        _ = try await store.insert(Self.record("1", status: .duplicate, vehicles: nil))
        _ = try await store.insert(Self.record("x", status: .rejected, vehicles: nil))
        let summary = try await store.vehicleSummary(matching: PhotoFilter(camera: "cam1"))
        #expect(summary == VehicleSummary(photos: 2, averageVehicles: 3.5, minVehicles: 2, maxVehicles: 5))
        let empty = try await store.vehicleSummary(matching: PhotoFilter(camera: "nobody"))
        #expect(empty.photos == 0 && empty.averageVehicles == nil)
    }

    @Test func openingSomethingThatIsNotADatabaseNamesTheFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("notes.txt").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try ParkWatchDatabase(path: path)
        } throws: { error in
            "\(error)".contains(path) || "\(error)".contains("migration")
        }
    }
}

@Suite struct ISOTimeTests {
    @Test(arguments: [
        ("2013-02-22", "2013-02-22T00:00:00Z"),
        ("2013-02-22T06:25", "2013-02-22T06:25:00Z"),
        ("2013-02-22T06:25:07Z", "2013-02-22T06:25:07Z"),
        ("2013-02-22 06:25:07", "2013-02-22T06:25:07Z"),
        ("2013-02-22T06:25:07+02:00", "2013-02-22T04:25:07Z"),
        ("2013-02-22T06:25:07.250Z", "2013-02-22T06:25:07.250Z"),
    ])
    func parsesWhatPeopleType(_ input: String, _ expected: String) {
        #expect(ISOTime.parse(input).map(ISOTime.format) == expected)
    }

    @Test(arguments: ["", "yesterday", "2013-02-30", "2013-13-01", "2013-02-22T25:00", "2013-2-22"])
    func refusesNonsense(_ input: String) {
        #expect(ISOTime.parse(input) == nil)
    }

    @Test func readsAZoneLessTimeInTheGivenZone() throws {
        let zone = try #require(TimeZone(identifier: "America/Sao_Paulo"))
        #expect(ISOTime.parse("2013-02-22T06:25:00", timeZone: zone).map(ISOTime.format) == "2013-02-22T09:25:00Z")
    }
}
