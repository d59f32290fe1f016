import Foundation
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchStore

/// Reads what a lot's status and charts need from the store; the arithmetic is in
/// `LotStatusBuilder`, and in `ParkWatchReports`/`ParkWatchAnalytics` (the report command's).
struct StatusReader: Sendable {
    let environment: WebEnvironment

    /// Bookings further ahead than this are not part of a status (the booking page lists them).
    static let lookAhead: TimeInterval = 7 * 86_400

    func status(of lot: LotDefinition, now: Date) async throws -> LotStatus {
        let store = environment.readings
        var snapshots: [CameraSnapshot] = []
        for camera in lot.cameras {
            snapshots.append(CameraSnapshot(
                camera: camera, tracks: try await store.spaceTracks(camera: camera.id, spaces: camera.spaceIDs),
                latestPhoto: try await store.latestCountedPhoto(camera: camera.id),
                health: try await store.cameraHealth(camera: camera.id)))
        }
        let window = BookingFilter(lot: lot.id, from: now - environment.settings.holdMargin, to: now + Self.lookAhead)
        let bookings = try await environment.bookings.bookings(matching: window)
        return environment.statusRules.build(lot: lot, snapshots: snapshots, bookings: bookings, now: now)
    }

    func statuses(now: Date) async throws -> [LotStatus] {
        var result: [LotStatus] = []
        for lot in try await environment.directory.lots() { result.append(try await status(of: lot, now: now)) }
        return result
    }

    /// The lot as the report command sees it: its cameras, each read through its layout's
    /// spaces when it has stored space readings, else through its vehicles against a capacity.
    func scope(of lot: LotDefinition) async throws -> ReportScope {
        try await ReportScope.lot(lot.id, cameras: lot.cameras.map { ($0.id, $0.capacity) }, store: environment.readings)
    }

    /// Hourly occupancy over the 24 hours before `now`, for the charts.
    func lastDay(of lot: LotDefinition, now: Date) async throws -> [BucketSummary] {
        let window = AnalyticsWindow(from: now - 86_400, to: now, timeZone: environment.settings.timeZone)
        let readings = try await ReportReadings.occupancy(try await scope(of: lot), window: window, store: environment.readings)
        return OccupancyAnalytics.buckets(readings, window: window, size: .hour)
    }
}
