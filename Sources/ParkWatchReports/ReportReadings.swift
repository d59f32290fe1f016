import Foundation
import ParkWatchAnalytics
import ParkWatchStore

/// Reads a scope's stored counts as the analytics' inputs, two cameras at a time: a store that
/// answers from another process (the central PostgreSQL) works while this one decodes.
package enum ReportReadings {
    /// Readings from `maxStaleness` before the window on, since those still hold into it. A camera
    /// with neither a layout nor a capacity cannot give a rate and is left out.
    package static func occupancy(
        _ scope: ReportScope, window: AnalyticsWindow, store: any ReportSource
    ) async throws -> [String: [OccupancyReading]] {
        let from = window.from - window.maxStaleness
        let read = try await inOrder(scope.cameras) { camera -> [OccupancyReading]? in
            if camera.hasLayout {
                return try await store.occupiedCounts(camera: camera.id, from: from, to: window.to).map {
                    OccupancyReading(camera: camera.id, at: $0.at, occupied: Double($0.count), capacity: $0.total ?? 0)
                }
            } else if let capacity = camera.capacity {
                return try await store.vehicleCounts(camera: camera.id, from: from, to: window.to).map {
                    OccupancyReading(camera: camera.id, at: $0.at, occupied: Double($0.count), capacity: capacity)
                }
            }
            return nil
        }
        var result: [String: [OccupancyReading]] = [:]
        for (camera, readings) in zip(scope.cameras, read) { result[camera.id] = readings }
        return result
    }

    /// Each space's confirmed changes in the window and the state it enters the window with.
    package static func spaceChanges(_ scope: ReportScope, window: AnalyticsWindow, store: any ReportSource) async throws -> [SpaceStateChange] {
        try await inOrder(scope.cameras.filter(\.hasLayout)) { camera in
            try await store.spaceChanges(camera: camera.id, from: window.from, to: window.to).compactMap { change in
                SpaceObservation(rawValue: change.state).map { SpaceStateChange(camera: camera.id, space: change.space, at: change.at, state: $0) }
            }
        }.flatMap { $0 }
    }

    /// `body` of each camera, at most `width` at once, the results in the cameras' order.
    static func inOrder<T: Sendable>(
        _ cameras: [ReportCamera], width: Int = 2, _ body: @escaping @Sendable (ReportCamera) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: cameras.count)
            for (index, camera) in cameras.enumerated() {
                if index >= width, let (done, value) = try await group.next() { results[done] = value }
                group.addTask { (index, try await body(camera)) }
            }
            for try await (done, value) in group { results[done] = value }
            return results.compactMap { $0 }
        }
    }
}
