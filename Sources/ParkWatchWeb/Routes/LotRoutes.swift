import Foundation
import Hummingbird
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchStore

/// Read-only lot API: the list, one lot's status, the seed app's free-space list, occupancy figures.
struct LotRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/lots") { _, _ in try await lots() }
        router.get("/api/lots/:id/status") { _, context in try await status(context.parameters.require("id")) }
        router.get("/api/lots/:id/occupancy") { request, context in
            try await occupancy(context.parameters.require("id"), query: Query(request))
        }
        router.get("/parking_status") { _, _ in try await parkingStatus() }
    }

    private var reader: StatusReader { StatusReader(environment: environment) }

    func lots() async throws -> Response {
        let statuses = try await reader.statuses(now: environment.clock.now())
        return try JSONOutput.response(statuses.map(LotSummary.init))
    }

    func status(_ id: String) async throws -> Response {
        let lot = try await environment.directory.lot(id)
        return try JSONOutput.response(try await reader.status(of: lot, now: environment.clock.now()))
    }

    /// The seed application's route: the ids of the spaces a driver can take now, every lot
    /// together, as a bare JSON array.
    func parkingStatus() async throws -> Response {
        let statuses = try await reader.statuses(now: environment.clock.now())
        return try JSONOutput.response(statuses.flatMap(\.freeSpaces))
    }

    /// The report command's figures (`ParkWatchReports`) for the lot over `[from, to)`, per bucket.
    func occupancy(_ id: String, query: Query) async throws -> Response {
        let lot = try await environment.directory.lot(id)
        let request = try OccupancyQuery(query, now: environment.clock.now(), timeZone: environment.settings.timeZone)
        let report = try await OccupancyReport.build(
            .init(window: request.window, bucket: request.bucket), scope: try await reader.scope(of: lot), store: environment.readings)
        return try JSONOutput.response(report)
    }
}

/// One entry of `GET /api/lots`.
struct LotSummary: Encodable {
    var id: String
    var cameras: [String]
    @Nullable var updatedAt: Date?
    var stale: Bool
    var total: Int
    var occupied: Int
    var free: Int
    var unknown: Int
    var reserved: Int
    var available: Int
    var status: String

    init(_ status: LotStatus) {
        id = status.lot
        cameras = status.cameras.map(\.id)
        updatedAt = status.updatedAt
        stale = status.stale
        total = status.total
        occupied = status.occupied
        free = status.free
        unknown = status.unknown
        reserved = status.reserved
        available = status.available
        self.status = "/api/lots/\(status.lot)/status"
    }
}

/// `from`, `to` (ISO 8601; default: the 24 hours before now) and `bucket` (`hour`, `day`, `week`).
struct OccupancyQuery {
    var window: AnalyticsWindow
    var bucket: BucketSize

    /// Enough for a year of hours; more would make one answer of many megabytes.
    static let maxBuckets = 9_000

    init(_ query: Query, now: Date, timeZone: TimeZone) throws {
        let to = try Self.instant(query["to"], name: "to", timeZone: timeZone) ?? now
        let from = try Self.instant(query["from"], name: "from", timeZone: timeZone) ?? to - 86_400
        guard to > from else { throw WebError.badRequest("'to' must be after 'from'") }
        guard let bucket = BucketSize(rawValue: String(query["bucket"] ?? "hour")) else {
            throw WebError.badRequest("bucket must be hour, day or week")
        }
        let seconds: Double = switch bucket {
        case .hour: 3600
        case .day: 86_400
        case .week: 604_800
        }
        guard to.timeIntervalSince(from) / seconds <= Double(Self.maxBuckets) else {
            throw WebError.badRequest("too many \(bucket.rawValue) buckets in that window (at most \(Self.maxBuckets)); use a larger bucket")
        }
        window = AnalyticsWindow(from: from, to: to, timeZone: timeZone)
        self.bucket = bucket
    }

    static func instant(_ text: String?, name: String, timeZone: TimeZone) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISOTime.parse(text, timeZone: timeZone) else {
            throw WebError.badRequest("'\(name)' is not an ISO 8601 time (2013-02-22, 2013-02-22T06:00, …Z or …+01:00)")
        }
        return date
    }
}
