import Foundation
import ParkWatchAnalytics
import ParkWatchStore

/// `parkwatch report --format json` (and the web API's occupancy): figures defined in docs/analytics.md.
package struct OccupancyReport: Sendable, Encodable {
    package struct Request: Sendable {
        package var window: AnalyticsWindow
        package var bucket: BucketSize?
        package var profile: ProfileKind?
        package var spaces: Bool

        package init(window: AnalyticsWindow, bucket: BucketSize? = nil, profile: ProfileKind? = nil, spaces: Bool = false) {
            self.window = window
            self.bucket = bucket
            self.profile = profile
            self.spaces = spaces
        }
    }

    package var scope: String
    package var kind: ReportScope.Kind
    package var cameras: [String]
    package var from: Date
    package var to: Date
    package var timezone: String
    package var maxStalenessSeconds: Double
    /// Counted photos in the window and their mean vehicle count (the first report's figures).
    package var photos: Int
    package var averageVehicles: Double?
    package var summary: OccupancySummary
    package var buckets: [BucketSummary]?
    package var profile: [ProfileEntry]?
    package var spaces: [SpaceUtilisation]?

    /// The three reads run at once, and the figures are computed while the space changes are still
    /// read: a store in another process (the central PostgreSQL) answers one while this process
    /// decodes or computes another.
    package static func build(_ request: Request, scope: ReportScope, store: any ReportSource) async throws -> OccupancyReport {
        let window = request.window
        async let vehicles = vehicleSummary(scope, window: window, store: store)
        async let changes = request.spaces ? ReportReadings.spaceChanges(scope, window: window, store: store) : []
        let readings = try await ReportReadings.occupancy(scope, window: window, store: store)
        let summary = OccupancyAnalytics.lotSummary(readings, window: window)
        let buckets = request.bucket.map { OccupancyAnalytics.buckets(readings, window: window, size: $0) }
        let profile = request.profile.map { OccupancyAnalytics.profile(readings, window: window, by: $0) }
        let counted = try await vehicles
        var report = OccupancyReport(
            scope: scope.name, kind: scope.kind, cameras: scope.cameras.map(\.id), from: window.from, to: window.to,
            timezone: window.timeZone.identifier, maxStalenessSeconds: window.maxStaleness,
            photos: counted.photos, averageVehicles: counted.averageVehicles, summary: summary)
        report.buckets = buckets
        report.profile = profile
        if request.spaces {
            report.spaces = OccupancyAnalytics.spaces(try await changes, cameraReadings: readings, window: window)
        }
        return report
    }

    private static func vehicleSummary(_ scope: ReportScope, window: AnalyticsWindow, store: any ReportSource) async throws -> VehicleSummary {
        var parts: [VehicleSummary] = []
        for camera in scope.cameras {
            parts.append(try await store.vehicleSummary(matching: PhotoFilter(camera: camera.id, from: window.from, to: window.to)))
        }
        let photos = parts.map(\.photos).reduce(0, +)
        let sum = parts.compactMap { part in part.averageVehicles.map { $0 * Double(part.photos) } }.reduce(0, +)
        return VehicleSummary(photos: photos, averageVehicles: photos > 0 ? sum / Double(photos) : nil)
    }

    // Absent sections are left out; absent figures inside a present section are null.
    package func encode(to encoder: any Encoder) throws {
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
