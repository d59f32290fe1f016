import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision
import ParkWatchWebhooks

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
    /// Which events a reading causes for which receivers; written in the reading's transaction.
    let webhooks: WebhookEvents

    package init(store: ParkWatchDatabase, settings: SpaceDecisionSettings = .default, overlays: Bool = false,
                metrics: PipelineMetrics = .bootstrapped, webhooks: WebhookEvents = WebhookEvents(targets: [])) {
        self.store = store
        self.settings = settings
        self.overlays = overlays
        self.metrics = metrics
        self.webhooks = webhooks
    }

    /// Inserts `draft` with what `reading` found. A frame whose spaces could not be read is
    /// stored with its vehicle count and the reason in `error`.
    package func insert(_ draft: PhotoRecord, reading: FrameReading?) async throws -> RecordedReading {
        var row = draft
        if let reading { row.take(reading) }
        guard let reading, let layout = reading.layout, reading.spacesFailure == nil, !reading.decisions.isEmpty else {
            return RecordedReading(record: try await store.insert(row, events: rejectionEvents(row)), layout: reading?.layout)
        }
        let (decisions, settings, camera, capturedAt) = (reading.decisions, settings, row.camera, row.capturedAt)
        let webhooks = webhooks
        let lotCameras = webhooks.targets.isEmpty ? [] : webhooks.lotNeighbours(of: camera)
        let (stored, write) = try await store.insert(row, lotCameras: lotCameras) { context in
            let (tracks, changes) = SpaceTracker.advance(
                OccupancyRecords.tracks(from: context.tracks), with: decisions, at: capturedAt, settings: settings)
            var write = OccupancyRecords.write(
                camera: camera, capturedAt: capturedAt, layout: layout, decisions: decisions, tracks: tracks, changes: changes)
            guard !webhooks.targets.isEmpty else { return write }
            let caused = WebhookEvents.Reading(
                camera: camera, lot: webhooks.lot(of: camera), reading: write.reading, neighbours: context.neighbours,
                changes: write.changes, before: context.tracks.mapValues(\.state))
            (write.events, write.lotStates) = webhooks.events(for: caused, lotStates: context.lotStates, now: Date())
            return write
        }
        return RecordedReading(record: stored, layout: layout, write: write, decisions: decisions)
    }

    /// `photo_rejected` for a refused photo, with why.
    private func rejectionEvents(_ row: PhotoRecord) -> [WebhookOutboxRecord] {
        guard row.status == .rejected else { return [] }
        return webhooks.events("photo_rejected", fields: [
            "camera": row.camera, "file": row.file, "reason": row.error ?? "", "received_at": ISOTime.format(row.receivedAt),
        ], now: Date())
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
        // Outlines over a view that is not the lot's would show spaces where there are none.
        let lost = recorded.record.viewState == "lost"
        let banner = lost ? "camera view not recognised: spaces unknown" : OverlayRenderer.banner(spaces)
        try OverlayRenderer.render(image, spaces: lost ? [] : spaces, banner: banner, to: url)
        try await store.setOverlayPath(url.path, photoID: id)
    }
}

extension PhotoRecord {
    /// The frame's figures on its row: vehicles, size, detector time, the view's shift, and why the spaces failed.
    mutating func take(_ reading: FrameReading) {
        vehicles = reading.vehicles
        width = reading.width
        height = reading.height
        detectMs = reading.detectMs
        viewShiftPx = reading.viewLost ? -1 : reading.viewShift
        if let failure = reading.spacesFailure { error = "space reading failed: \(failure)" }
    }
}
