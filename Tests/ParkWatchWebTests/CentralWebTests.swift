import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParkWatchAnalytics
import ParkWatchCentral
import ParkWatchReports
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb
import ServiceLifecycle
import Testing

/// The web app over the central database (`serve --central`): two nodes forward into a real
/// PostgreSQL started for the test, and the pages and API read both sites from it, a lot spanning
/// them, bookings made there, photos left to their sites.
@Suite struct CentralWebTests {
    static let start = Date(timeIntervalSince1970: 1_735_718_400)  // 2025-01-01 08:00 UTC
    static let minutes = 5
    let folder: TemporaryFolder
    let server: PostgresServer

    init() async throws {
        folder = try TemporaryFolder("central-web")
        server = try await PostgresServer()
    }

    /// Warnings only: the outage test's pool logs every refused connection at info.
    static var quiet: Logger {
        var logger = Logger(label: "central-web")
        logger.logLevel = .warning
        return logger
    }

    /// A camera's readings as a node's pipeline stores them: every space free at the first photo,
    /// then the first space occupied from the second photo on.
    static func fill(_ store: ParkWatchDatabase, camera: String, spaces: [String]) async throws {
        for minute in 0..<minutes {
            let at = start + Double(minute * 60)
            let photo = PhotoRecord(
                camera: camera, file: "\(minute).jpg", sourcePath: "/inbox/\(camera)/\(minute).jpg", sha256: "\(camera)-\(minute)",
                sizeBytes: 1000, status: .ok, vehicles: minute == 0 ? 0 : 1, capturedAt: at, captureSource: "file_name",
                receivedAt: at + 5, archivedPath: "/archive/\(camera)/\(minute).jpg", filed: true)
            let occupied = minute == 0 ? 0 : 1
            let states = spaces.indices.map { $0 == 0 && occupied == 1 ? "o" : "f" }.joined()
            let reading = SpaceReadingRecord(
                camera: camera, capturedAt: at, total: spaces.count, occupied: occupied, free: spaces.count - occupied, unknown: 0,
                freeSpaces: "[]", rawStates: states, rawConfidence: Data(repeating: 230, count: spaces.count))
            let changes = switch minute {
            case 0: spaces.map { SpaceChangeRecord(camera: camera, space: $0, at: at, state: "free", confidence: 0.9) }
            case 1: [SpaceChangeRecord(camera: camera, space: spaces[0], at: at, state: "occupied", confidence: 0.8)]
            default: [SpaceChangeRecord]()
            }
            _ = try await store.insert(photo, occupancy: OccupancyWrite(spaceIDs: spaces, reading: reading, changes: changes, tracks: []))
        }
    }

    /// North's cam1 (spaces A1, A2) and south's cam1 (B1, B2) watch lot east; north's cam2 is a
    /// stream that went offline.
    func forwardTwoSites() async throws {
        let north = try ParkWatchDatabase(path: folder.path("north.sqlite").path)
        let south = try ParkWatchDatabase(path: folder.path("south.sqlite").path)
        try await Self.fill(north, camera: "cam1", spaces: ["A1", "A2"])
        try await Self.fill(south, camera: "cam1", spaces: ["B1", "B2"])
        try await north.saveCameraHealth(CameraHealthRecord(
            camera: "cam2", source: "rtsp://cam2", state: .offline, offlineSince: Self.start, reconnects: 2, updatedAt: Self.start))
        var settings = CentralForwarder.Settings()
        settings.poll = .milliseconds(50)
        settings.timeout = .seconds(20)
        let address = try CentralAddress(url: server.url)
        let forwarders = [
            CentralForwarder(store: north, address: address, site: "north", lots: ["cam1": "east", "cam2": "cam2"], settings: settings, logger: Self.quiet),
            CentralForwarder(store: south, address: address, site: "south", lots: ["cam1": "east"], settings: settings, logger: Self.quiet),
        ]
        let group = ServiceGroup(configuration: .init(services: forwarders.map { .init(service: $0) }, logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let arrived = await eventually(within: liveDeadline) {
                let counts = (try? await server.query("SELECT (SELECT count(*) FROM photo), (SELECT count(*) FROM camera_health)")) ?? []
                return counts == ["\(2 * Self.minutes)|1"]
            }
            #expect(arrived)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// The two sites forwarded, then `body` with the central app's test client and its database,
    /// the database's pool running meanwhile.
    func withCentralApp(
        requestTimeout: Duration = .seconds(10),
        _ body: @escaping @Sendable (any TestClientProtocol, CentralDatabase) async throws -> Void
    ) async throws {
        try await forwardTwoSites()
        var timed = CentralDatabase(address: try CentralAddress(url: server.url), logger: Self.quiet)
        timed.requestTimeout = requestTimeout
        let database = timed
        let router = WebApp.buildRouter(
            source: .central(database), settings: WebSettings(), clock: WebClock { Self.start + 600 }, logger: Self.quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await database.runPool() }
            try await Application(router: router).test(.router) { client in try await body(client, database) }
            tasks.cancelAll()
        }
    }

    @Test func thePagesReadEverySiteAndALotSpanningThem() async throws {
        try await withCentralApp { client, _ in
            let east = try await client.send("/api/lots/east/status", .get)
            #expect(east.status == .ok, "\(east.text)")
            let spaces = east.object["spaces"] as? [[String: Any]] ?? []
            #expect(spaces.map { $0["id"] as? String } == ["A1", "A2", "B1", "B2"])
            #expect(spaces.map { $0["state"] as? String } == ["occupied", "free", "occupied", "free"])
            #expect(spaces.map { $0["camera"] as? String } == ["north/cam1", "north/cam1", "south/cam1", "south/cam1"])
            let cameras = east.object["cameras"] as? [[String: Any]] ?? []
            #expect(cameras.map { $0["id"] as? String } == ["north/cam1", "south/cam1"])
            #expect(cameras.allSatisfy { $0["vehicles"] as? Int == 1 && $0["image"] is NSNull }, "pictures stay on their sites: \(cameras)")
            #expect(east.object["updated_at"] as? String == ISOTime.format(Self.start + Double((Self.minutes - 1) * 60)))

            let lots = try await client.send("/api/lots", .get).array.compactMap { $0 as? [String: Any] }
            #expect(lots.map { $0["id"] as? String } == ["cam2", "east"])
            let stream = try await client.send("/api/lots/cam2/status", .get).object["cameras"] as? [[String: Any]]
            let health = stream?.first?["health"] as? [String: Any]
            #expect(health?["state"] as? String == "offline" && health?["reconnects"] as? Int == 2)
            #expect(try await client.send("/parking_status", .get).array as? [String] == ["A2", "B2"])

            let page = try await client.send("/lots/east", .get)
            #expect(page.status == .ok && page.text.contains("2 of 4 spaces free") && !page.text.contains("Edit layout"), "\(page.text)")
            #expect(page.text.contains("Photos stay at their sites"))
        }
    }

    /// The history download is the report command's report of the lot from the same database.
    @Test func theHistoryIsTheCentralReport() async throws {
        try await withCentralApp { client, database in
            let download = try await client.send("/api/history?lot=east&range=custom&from=2025-01-01&to=2025-01-01", .get)
            #expect(download.status == .ok, "\(download.text)")
            let window = AnalyticsWindow(from: Self.start - 8 * 3_600, to: Self.start + 16 * 3_600, timeZone: .gmt)
            let scope = try await ReportScope.resolve(camera: nil, lot: "east", configuration: nil, store: database)
            let report = try await OccupancyReport.build(
                .init(window: window, bucket: .hour, profile: .hourOfWeek, spaces: true), scope: scope, store: database)
            let expected = try JSONSerialization.jsonObject(with: Data(try ReportText.json(report).utf8)) as? NSDictionary
            #expect(download.json as? NSDictionary == expected)
            let reported = (download.object["spaces"] as? [[String: Any]] ?? []).compactMap { $0["camera"] as? String }
            #expect(Set(reported) == ["north/cam1", "south/cam1"])
        }
    }

    /// Bookings are made in the central database; what only a site has is a clear 404, and a
    /// central database that is away a 503.
    @Test func bookingsAreCentralPhotosStayAtTheirSitesAndAnOutageIsA503() async throws {
        try await withCentralApp(requestTimeout: .seconds(5)) { [server] client, _ in
            let booking: [String: Any] = [
                "lot": "east", "space": "B2", "holder": "Ada",
                "start": ISOTime.format(Self.start + 660), "end": ISOTime.format(Self.start + 4_200),
            ]
            let booked = try await client.send("/api/bookings", .post, json: booking)
            #expect(booked.status == .created, "\(booked.text)")
            #expect(try await server.query("SELECT lot, space, holder FROM booking") == ["east|B2|Ada"])
            let status = try await client.send("/api/lots/east/status", .get).object["spaces"] as? [[String: Any]]
            #expect((status?.last?["next_booking"] as? [String: Any])?["holder"] as? String == "Ada")

            for path in ["/images/1", "/api/photos/\(String(repeating: "a", count: 64))", "/label/north%2Fcam1", "/lots/east/layout"] {
                let answer = try await client.send(path, .get)
                #expect(answer.status == .notFound && answer.text.contains("stay on the site that took them"), "\(path): \(answer.text)")
            }

            try await server.stop()
            for path in ["/api/lots/east/status", "/", "/metrics", "/api/history?lot=east&range=7d"] {
                let away = try await client.send(path, .get)
                #expect(away.status == .serviceUnavailable, "\(path): \(away.text)")
                #expect(!away.text.contains(server.password))
            }
        }
    }
}
