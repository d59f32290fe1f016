import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// A stored frame: its row and, for a camera with a layout, what its spaces added.
package struct RecordedReading: Sendable {
    package var record: PhotoRecord
    package var layout: LotLayout?
    package var write: OccupancyWrite?
    package var decisions: [SpaceDecision]?
}

/// Stores a read frame, photo or stream sample alike: the row, and in the same transaction the
/// space reading with the anti-flicker step taken on the tracks that transaction reads; then
/// the overlay picture beside the archived file; and the metrics.
package struct ReadingRecorder: Sendable {
    package let store: ParkWatchDatabase
    let settings: SpaceDecisionSettings
    /// Save an overlay PNG beside each archived photo (and each archived key frame of a stream).
    package let overlays: Bool
    package let metrics: PipelineMetrics

    package init(store: ParkWatchDatabase, settings: SpaceDecisionSettings = .default, overlays: Bool = false,
                metrics: PipelineMetrics = .bootstrapped) {
        self.store = store
        self.settings = settings
        self.overlays = overlays
        self.metrics = metrics
    }

    /// Inserts `draft` with what `reading` found. A frame whose spaces could not be read is
    /// stored with its vehicle count and the reason in `error`.
    package func insert(_ draft: PhotoRecord, reading: FrameReading?) async throws -> RecordedReading {
        var row = draft
        if let reading { row.take(reading) }
        guard let reading, let layout = reading.layout, reading.spacesFailure == nil, !reading.decisions.isEmpty else {
            return RecordedReading(record: try await store.insert(row), layout: reading?.layout)
        }
        let (decisions, settings, camera, capturedAt) = (reading.decisions, settings, row.camera, row.capturedAt)
        let (stored, write) = try await store.insert(row) { records in
            let (tracks, changes) = SpaceTracker.advance(
                OccupancyRecords.tracks(from: records), with: decisions, at: capturedAt, settings: settings)
            return OccupancyRecords.write(
                camera: camera, capturedAt: capturedAt, layout: layout, decisions: decisions, tracks: tracks, changes: changes)
        }
        return RecordedReading(record: stored, layout: layout, write: write, decisions: decisions)
    }

    /// Saves the overlay beside the stored photo's archived file (`photo.overlay.png` beside
    /// `photo.jpg`), drawing confirmed states as the database has them, and records its path.
    package func attachOverlay(_ recorded: RecordedReading, image: Image) async throws {
        guard overlays, let id = recorded.record.id, let layout = recorded.layout, let write = recorded.write else { return }
        let confirmed = Dictionary(write.tracks.map { ($0.space, $0.state) }, uniquingKeysWith: { $1 })
        let spaces = layout.spaces.map { space in
            OverlaySpace(polygon: space.polygon, state: confirmed[space.id].flatMap(SpaceState.init(rawValue:)) ?? .unknown, label: space.id)
        }
        let url = URL(fileURLWithPath: recorded.record.archivedPath).deletingPathExtension().appendingPathExtension("overlay.png")
        try OverlayRenderer.render(image, spaces: spaces, banner: OverlayRenderer.banner(spaces), to: url)
        try await store.setOverlayPath(url.path, photoID: id)
    }
}

extension PhotoRecord {
    /// The frame's figures on its row: vehicles, size, detector time, and why the spaces failed.
    mutating func take(_ reading: FrameReading) {
        vehicles = reading.vehicles
        width = reading.width
        height = reading.height
        detectMs = reading.detectMs
        if let failure = reading.spacesFailure { error = "space reading failed: \(failure)" }
    }
}
