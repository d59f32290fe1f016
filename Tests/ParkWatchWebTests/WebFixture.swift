import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb

/// A temp database and inbox, two lots and a fixed clock: the web app as the tests build it.
///
/// Lot `north` (camera cam1) has four spaces; its photos came every hour for a day, the last
/// two minutes before `now`: A1 occupied, A2 and A3 free, A4 unknown. Lot `annex` (camera cam2)
/// has no layout, a capacity of 10 and no photo yet.
struct WebFixture {
    static let now = ISOTime.parse("2026-05-01T10:00:00Z")!
    static let spaces = ["A1", "A2", "A3", "A4"]

    let folder: TemporaryFolder
    let store: ParkWatchDatabase
    var settings: WebSettings

    init(token: String? = nil) throws {
        folder = try TemporaryFolder("web")
        store = try ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path)
        settings = WebSettings()
        settings.inbox = folder.path("inbox")
        settings.token = token
        settings.port = 0
        settings.lots = LotCatalog(lots: [
            LotDefinition(id: "north", cameras: [LotCamera(id: "cam1", spaceIDs: Self.spaces)]),
            LotDefinition(id: "annex", cameras: [LotCamera(id: "cam2", capacity: 10)]),
        ])
    }

    var clock: WebClock { WebClock { Self.now } }

    func app() -> some ApplicationProtocol {
        WebApp.buildApplication(source: .node(store), settings: settings, clock: clock, logger: Logger(label: "web-test"))
    }

    func router() -> Router<BasicRequestContext> {
        WebApp.buildRouter(source: .node(store), settings: settings, clock: clock, logger: Logger(label: "web-test"))
    }

    /// A day of readings of cam1, one every 10 minutes (so the day is fully observed); the
    /// occupied count changes every hour.
    func seedReadings() async throws {
        for step in 0..<144 {
            let at = Self.now - Double(143 - step) * 600 - 120
            let occupied = step < 138 ? (step / 6) % 4 : 1
            try await insertReading(at: at, occupied: occupied, index: step)
        }
    }

    private func insertReading(at: Date, occupied: Int, index: Int) async throws {
        let photo = PhotoRecord(
            camera: "cam1", file: "p\(index).jpg", sourcePath: "/inbox/cam1/p\(index).jpg", sha256: String(format: "%064x", index + 1),
            sizeBytes: 1000, status: .ok, vehicles: occupied, capturedAt: at, captureSource: "file_name",
            receivedAt: at, archivedPath: "/nowhere/p\(index).jpg", filed: true)
        let states = ["A1": "occupied", "A2": "free", "A3": "free", "A4": "unknown"]
        let tracks = Self.spaces.map { SpaceTrackRecord(camera: "cam1", space: $0, state: states[$0]!, confidence: 0.93, updatedAt: at) }
        let reading = SpaceReadingRecord(
            camera: "cam1", capturedAt: at, total: 4, occupied: occupied, free: 4 - occupied, unknown: 0,
            freeSpaces: "[\"A2\",\"A3\"]", rawStates: "offu", rawConfidence: Data([240, 240, 240, 100]))
        _ = try await store.insert(photo, occupancy: OccupancyWrite(spaceIDs: Self.spaces, reading: reading, changes: [], tracks: tracks))
    }
}

/// Reading answers.
extension TestResponse {
    var text: String { String(buffer: body) }

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) }

    var object: [String: Any] { json as? [String: Any] ?? [:] }

    var array: [Any] { json as? [Any] ?? [] }
}

extension TestClientProtocol {
    /// A JSON request (`body` encoded with JSONSerialization).
    func send(_ uri: String, _ method: HTTPRequest.Method, json: Any? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// A booking of `space` in lot north from `start` to `end`, given as minutes after `WebFixture.now`.
    func book(_ space: String, from start: Double, to end: Double, lot: String = "north", headers: HTTPFields = [:]) async throws -> TestResponse {
        let body: [String: Any] = [
            "lot": lot, "space": space, "holder": "Ada",
            "start": ISOTime.format(WebFixture.now + start * 60), "end": ISOTime.format(WebFixture.now + end * 60),
        ]
        return try await send("/api/bookings", .post, json: body, headers: headers)
    }
}
