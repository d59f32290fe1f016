import Foundation

/// What the occupancy report reads: one node's SQLite file, or the central database that joins
/// the sites (where a camera is `<site>/<camera>`).
package protocol ReportSource: Sendable {
    /// Every camera with a stored photo.
    func cameras() async throws -> [String]
    /// The cameras the source itself knows to watch `lot`, beyond what the configuration says.
    func camerasOfLot(_ lot: String) async throws -> [String]
    /// Whether the camera ever stored a space reading (it has a layout).
    func hasSpaceReadings(camera: String) async throws -> Bool
    func occupiedCounts(camera: String, from: Date, to: Date) async throws -> [CountAt]
    func vehicleCounts(camera: String, from: Date, to: Date) async throws -> [CountAt]
    func spaceChanges(camera: String, from: Date, to: Date) async throws -> [SpaceStateAt]
    func vehicleSummary(matching filter: PhotoFilter) async throws -> VehicleSummary
}

extension ParkWatchDatabase: ReportSource {
    /// A node's lots live in its configuration only.
    package func camerasOfLot(_ lot: String) async throws -> [String] { [] }

    package func hasSpaceReadings(camera: String) async throws -> Bool {
        try await latestSpaceReading(camera: camera) != nil
    }
}
