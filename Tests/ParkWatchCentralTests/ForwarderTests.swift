import Foundation
import Logging
import ParkWatchCentral
import ParkWatchStore
import ParkWatchTestSupport
import ServiceLifecycle
import Testing

/// A node's SQLite file forwarded into a real PostgreSQL cluster started for the test: every row
/// arrives once, a batch sent again adds nothing, and an outage of the server delays rows without
/// losing any.
@Suite struct ForwarderTests {
    let folder: TemporaryFolder
    let server: PostgresServer

    init() async throws {
        folder = try TemporaryFolder("central")
        server = try await PostgresServer()
    }

    var fast: CentralForwarder.Settings {
        var settings = CentralForwarder.Settings()
        settings.poll = .milliseconds(50)
        settings.batchSize = 4
        settings.firstWait = .milliseconds(100)
        settings.longestWait = .milliseconds(500)
        // Long enough for a loaded two-core machine: with 2 s, a fresh-clone CI run forwarded one photo in 60 s.
        settings.timeout = .seconds(20)
        return settings
    }

    func forwarder(_ store: ParkWatchDatabase, site: String = "north", log: CapturedLog = CapturedLog()) throws -> CentralForwarder {
        CentralForwarder(store: store, address: try CentralAddress(url: server.url), site: site, lots: ["cam1": "east", "cam2": "cam2"], settings: fast, logger: log.logger)
    }

    /// Runs `forwarder` while `body` runs, then stops it as the service group would.
    func running(_ forwarder: CentralForwarder, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(services: [.init(service: forwarder)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    func centralCount(_ table: String) async -> Int {
        (try? await server.query("SELECT count(*) FROM \(table)").first.flatMap { Int($0) }) ?? -1
    }

    func counts(_ tables: String...) async -> [Int] {
        var counts: [Int] = []
        for table in tables { counts.append(await centralCount(table)) }
        return counts
    }

    @Test func everyRowArrivesOnceAndASecondSendingAddsNothing() async throws {
        let store = try ParkWatchDatabase(path: folder.path("node.sqlite").path)
        for minute in 0..<10 { try await CentralFixture.insertReading(store, minute: minute) }
        _ = try await store.insert(CentralFixture.photo(minute: 10, status: .rejected))
        try await store.saveCameraHealth(CentralFixture.health)
        let log = CapturedLog()
        let forwarder = try forwarder(store, log: log)
        try await running(forwarder) {
            // Until the cursor moved: PostgreSQL's commit alone leaves the batch to be sent again.
            let arrived = try await eventually(within: liveDeadline) {
                let health = await centralCount("camera_health")
                return try await store.forwardBacklog(target: forwarder.target).photos == 0 && health == 1
            }
            #expect(arrived, "\(log.shown)")
        }
        #expect(await counts("space_reading", "space_change", "layout") == [10, 10, 1])
        #expect(try await server.query("SELECT camera, lot FROM site_camera ORDER BY camera") == ["cam1|east", "cam2|cam2"])
        // The node's times, to the millisecond, and its bytes.
        let first = try await server.query(
            "SELECT site, id, to_char(captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'), vehicles, status FROM photo ORDER BY id LIMIT 1")
        #expect(first == ["north|1|2025-01-01 08:00:00.250|3|ok"])
        #expect(try await server.query("SELECT encode(raw_confidence, 'hex'), raw_states FROM space_reading WHERE photo_id = 2") == ["07ff|of"])
        #expect(try await server.query("SELECT state, reconnects FROM camera_health") == ["offline|2"])
        let backlog = try await store.forwardBacklog(target: forwarder.target)
        #expect(backlog.photos == 0 && backlog.lastForwardedAt != nil)

        // A crash after PostgreSQL committed but before the cursor was saved: everything again.
        try await store.saveCentralCursor(CentralCursorRecord(target: forwarder.target))
        try await running(forwarder) {
            let drained = try await eventually(within: liveDeadline) { try await store.forwardBacklog(target: forwarder.target).photos == 0 }
            #expect(drained)
        }
        #expect(await counts("photo", "space_reading", "space_change") == [11, 10, 10])
    }

    @Test func anOutageDelaysRowsAndLosesNone() async throws {
        let store = try ParkWatchDatabase(path: folder.path("node.sqlite").path)
        for minute in 0..<3 { try await CentralFixture.insertReading(store, minute: minute) }
        let log = CapturedLog()
        let forwarder = try forwarder(store, log: log)
        try await running(forwarder) {
            let first = await eventually(within: liveDeadline) { await centralCount("photo") == 3 }
            #expect(first)
            try await server.stop()
            for minute in 3..<9 { try await CentralFixture.insertReading(store, minute: minute) }
            let waits = await log.first(within: liveDeadline) { $0.message == "central forwarding waits" }
            #expect(waits != nil)
            let reason = waits?.metadata["reason"] ?? ""
            #expect(!reason.contains(server.password))
            let waiting = try await store.forwardBacklog(target: forwarder.target).photos
            #expect(waiting == 6)
            try await server.start()
            let rest = await eventually(within: liveDeadline) { await centralCount("photo") == 9 }
            #expect(rest)
            // Logged once the cursor moved, a moment after the rows are visible centrally.
            #expect(await log.first(within: liveDeadline) { $0.message == "central database reachable again" } != nil)
        }
        #expect(try await server.query("SELECT count(DISTINCT id), min(id), max(id) FROM space_reading JOIN photo ON photo.id = space_reading.photo_id")
            == ["9|1|9"])
    }

    /// The report's reads give the same answers from the central database as from the node.
    @Test func theCentralDatabaseAnswersTheReportsReadsAsTheNodeDoes() async throws {
        let store = try ParkWatchDatabase(path: folder.path("node.sqlite").path)
        for minute in 0..<10 { try await CentralFixture.insertReading(store, minute: minute) }
        _ = try await store.insert(CentralFixture.photo(minute: 10, status: .rejected))
        let log = CapturedLog()
        let forwarder = try forwarder(store, log: log)
        try await running(forwarder) {
            let arrived = try await eventually(within: liveDeadline) { try await store.forwardBacklog(target: forwarder.target).photos == 0 }
            #expect(arrived, "\(log.shown)")
        }
        let (from, to) = (CentralFixture.start + 150, CentralFixture.start + 600)
        try await CentralDatabase.using(try CentralAddress(url: server.url), logger: Logger(label: "test"), connectWithin: .seconds(120)) { central in
            #expect(try await central.cameras() == ["north/cam1", "north/cam2"])
            #expect(try await central.camerasOfLot("east") == ["north/cam1"])
            #expect(try await central.hasSpaceReadings(camera: "north/cam1"))
            #expect(try await !central.hasSpaceReadings(camera: "north/cam2"))
            #expect(try await central.occupiedCounts(camera: "north/cam1", from: from, to: to) == store.occupiedCounts(camera: "cam1", from: from, to: to))
            #expect(try await central.vehicleCounts(camera: "north/cam1", from: from, to: to) == store.vehicleCounts(camera: "cam1", from: from, to: to))
            #expect(try await central.spaceChanges(camera: "north/cam1", from: from, to: to) == store.spaceChanges(camera: "cam1", from: from, to: to))
            let (later, end) = (CentralFixture.start + 86_400, CentralFixture.start + 90_000)
            #expect(try await central.occupiedCounts(camera: "north/cam1", from: later, to: end).isEmpty)
            #expect(try await central.spaceChanges(camera: "north/cam1", from: later, to: end) == store.spaceChanges(camera: "cam1", from: later, to: end))
            #expect(try await central.vehicleSummary(matching: PhotoFilter(camera: "north/cam1"))
                == store.vehicleSummary(matching: PhotoFilter(camera: "cam1")))
            let photos = try await central.photos(matching: PhotoFilter(from: from))
            let local = try await store.photos(matching: PhotoFilter(from: from))
            #expect(photos.map(\.site) == Array(repeating: "north", count: local.count))
            #expect(photos.map { [$0.photo.id, $0.photo.vehicles.map(Int64.init)] } == local.map { [$0.id, $0.vehicles.map(Int64.init)] })
            #expect(photos.map(\.photo.capturedAt) == local.map(\.capturedAt) && photos.map(\.photo.status) == local.map(\.status))
            await #expect(throws: CentralError.unknownCamera("cam1")) { try await central.occupiedCounts(camera: "cam1", from: from, to: to) }
        }
    }

    @Test func twoSitesShareTheTablesAndKeepTheirOwnIds() async throws {
        let north = try ParkWatchDatabase(path: folder.path("north.sqlite").path)
        let south = try ParkWatchDatabase(path: folder.path("south.sqlite").path)
        for minute in 0..<3 { try await CentralFixture.insertReading(north, minute: minute) }
        for minute in 0..<2 { try await CentralFixture.insertReading(south, minute: minute) }
        let forwarders = [try forwarder(north, site: "north"), try forwarder(south, site: "south")]
        let group = ServiceGroup(configuration: .init(services: forwarders.map { .init(service: $0) }, logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let both = await eventually(within: liveDeadline) { await centralCount("photo") == 5 }
            #expect(both)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try await server.query("SELECT site, count(*) FROM space_reading GROUP BY site ORDER BY site") == ["north|3", "south|2"])
        #expect(try await server.query("SELECT version FROM parkwatch_migration ORDER BY version") == ["1", "2"])
    }
}

/// Rows as a node's pipeline writes them.
enum CentralFixture {
    static let start = Date(timeIntervalSince1970: 1_735_718_400.25)  // 2025-01-01 08:00:00.250 UTC

    static func photo(minute: Int, status: PhotoRecord.Status = .ok) -> PhotoRecord {
        PhotoRecord(
            camera: "cam1", file: "p\(minute).jpg", sourcePath: "/inbox/cam1/p\(minute).jpg", sha256: status == .ok ? "sha\(minute)" : nil,
            sizeBytes: 1000, status: status, vehicles: status == .ok ? 3 : nil, capturedAt: start + Double(minute * 60),
            captureSource: "file_name", receivedAt: start + Double(minute * 60 + 5), archivedPath: "/archive/p\(minute).jpg", filed: true)
    }

    static func insertReading(_ store: ParkWatchDatabase, minute: Int) async throws {
        let at = start + Double(minute * 60)
        let reading = SpaceReadingRecord(
            camera: "cam1", capturedAt: at, total: 2, occupied: 1, free: 1, unknown: 0,
            freeSpaces: "B", rawStates: "of", rawConfidence: Data([7, 255]))
        let change = SpaceChangeRecord(camera: "cam1", space: "A", at: at, state: minute % 2 == 0 ? "occupied" : "free", confidence: 0.9)
        _ = try await store.insert(photo(minute: minute), occupancy: OccupancyWrite(spaceIDs: ["A", "B"], reading: reading, changes: [change], tracks: []))
    }

    static var health: CameraHealthRecord {
        CameraHealthRecord(camera: "cam2", source: "rtsp://cam2", state: .offline, offlineSince: start, reconnects: 2, updatedAt: start)
    }
}
