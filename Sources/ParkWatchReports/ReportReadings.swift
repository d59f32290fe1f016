import Foundation
import ParkWatchAnalytics
import ParkWatchStore

/// Reads a scope's stored counts as the analytics' inputs.
package enum ReportReadings {
    /// Readings from `maxStaleness` before the window on, since those still hold into it. A camera
    /// with neither a layout nor a capacity cannot give a rate and is left out.
    package static func occupancy(
        _ scope: ReportScope, window: AnalyticsWindow, store: any ReportSource
    ) async throws -> [String: [OccupancyReading]] {
        let from = window.from - window.maxStaleness
        var result: [String: [OccupancyReading]] = [:]
        for camera in scope.cameras {
            if camera.hasLayout {
                result[camera.id] = try await store.occupiedCounts(camera: camera.id, from: from, to: window.to).map {
                    OccupancyReading(camera: camera.id, at: $0.at, occupied: Double($0.count), capacity: $0.total ?? 0)
                }
            } else if let capacity = camera.capacity {
                result[camera.id] = try await store.vehicleCounts(camera: camera.id, from: from, to: window.to).map {
                    OccupancyReading(camera: camera.id, at: $0.at, occupied: Double($0.count), capacity: capacity)
                }
            }
        }
        return result
    }

    /// Each space's confirmed changes in the window and the state it enters the window with.
    package static func spaceChanges(_ scope: ReportScope, window: AnalyticsWindow, store: any ReportSource) async throws -> [SpaceStateChange] {
        var changes: [SpaceStateChange] = []
        for camera in scope.cameras where camera.hasLayout {
            changes += try await store.spaceChanges(camera: camera.id, from: window.from, to: window.to).compactMap { change in
                SpaceObservation(rawValue: change.state).map { SpaceStateChange(camera: camera.id, space: change.space, at: change.at, state: $0) }
            }
        }
        return changes
    }
}
