import Foundation
import ParkWatchAnalytics
import ParkWatchStore

/// `parkwatch report --format json` (and the web API's occupancy): figures defined in docs/analytics.md.
public struct OccupancyReport: Sendable, Encodable {
    public struct Request: Sendable {
        public var window: AnalyticsWindow
        public var bucket: BucketSize?
        public var profile: ProfileKind?
        public var spaces: Bool

        public init(window: AnalyticsWindow, bucket: BucketSize? = nil, profile: ProfileKind? = nil, spaces: Bool = false) {
            self.window = window
            self.bucket = bucket
            self.profile = profile
            self.spaces = spaces
        }
    }

    public var scope: String
    public var kind: ReportScope.Kind
    public var cameras: [String]
    public var from: Date
    public var to: Date
    public var timezone: String
    public var maxStalenessSeconds: Double
    /// Counted photos in the window and their mean vehicle count (the first report's figures).
    public var photos: Int
    public var averageVehicles: Double?
    public var summary: OccupancySummary
    public var buckets: [BucketSummary]?
    public var profile: [ProfileEntry]?
    public var spaces: [SpaceUtilisation]?

    public static func build(_ request: Request, scope: ReportScope, store: ParkWatchDatabase) async throws -> OccupancyReport {
        let window = request.window
        let readings = try await ReportReadings.occupancy(scope, window: window, store: store)
        let vehicles = try await vehicleSummary(scope, window: window, store: store)
        var report = OccupancyReport(
            scope: scope.name, kind: scope.kind, cameras: scope.cameras.map(\.id), from: window.from, to: window.to,
            timezone: window.timeZone.identifier, maxStalenessSeconds: window.maxStaleness,
            photos: vehicles.photos, averageVehicles: vehicles.averageVehicles,
            summary: OccupancyAnalytics.lotSummary(readings, window: window))
        report.buckets = request.bucket.map { OccupancyAnalytics.buckets(readings, window: window, size: $0) }
        report.profile = request.profile.map { OccupancyAnalytics.profile(readings, window: window, by: $0) }
        if request.spaces {
            let changes = try await ReportReadings.spaceChanges(scope, window: window, store: store)
            report.spaces = OccupancyAnalytics.spaces(changes, cameraReadings: readings, window: window)
        }
        return report
    }

    private static func vehicleSummary(_ scope: ReportScope, window: AnalyticsWindow, store: ParkWatchDatabase) async throws -> VehicleSummary {
        var parts: [VehicleSummary] = []
        for camera in scope.cameras {
            parts.append(try await store.vehicleSummary(matching: PhotoFilter(camera: camera.id, from: window.from, to: window.to)))
        }
        let photos = parts.map(\.photos).reduce(0, +)
        let sum = parts.compactMap { part in part.averageVehicles.map { $0 * Double(part.photos) } }.reduce(0, +)
        return VehicleSummary(photos: photos, averageVehicles: photos > 0 ? sum / Double(photos) : nil)
    }

    // Absent sections are left out; absent figures inside a present section are null.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(scope, forKey: .scope)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(cameras, forKey: .cameras)
        try keyed.encode(from, forKey: .from)
        try keyed.encode(to, forKey: .to)
        try keyed.encode(timezone, forKey: .timezone)
        try keyed.encode(maxStalenessSeconds, forKey: .maxStalenessSeconds)
        try keyed.encode(photos, forKey: .photos)
        try keyed.encode(averageVehicles, forKey: .averageVehicles)
        try keyed.encode(summary, forKey: .summary)
        try keyed.encodeIfPresent(buckets, forKey: .buckets)
        try keyed.encodeIfPresent(profile, forKey: .profile)
        try keyed.encodeIfPresent(spaces, forKey: .spaces)
    }

    enum CodingKeys: String, CodingKey {
        case scope, kind, cameras, from, to, timezone, maxStalenessSeconds, photos, averageVehicles, summary, buckets, profile, spaces
    }
}
