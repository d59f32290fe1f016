import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// The per-space step of the pipeline, for cameras that have a layout.
public struct OccupancyStage: Sendable {
    let reader: SpaceReader
    let layouts: [String: LotLayout]
    /// Save an overlay PNG beside each archived photo.
    let overlays: Bool

    public init(reader: SpaceReader, layouts: [String: LotLayout], overlays: Bool) {
        self.reader = reader
        self.layouts = layouts
        self.overlays = overlays
    }

    /// One photo's reading of its spaces, ready to be stored with the photo.
    struct Reading: Sendable {
        var layout: LotLayout
        var decisions: [SpaceDecision]
        var write: OccupancyWrite
    }

    /// nil for a camera without a layout.
    func read(_ frame: Frame, boxes: [VehicleBox], camera: String, store: ParkWatchDatabase) async throws -> Reading? {
        guard let layout = layouts[camera]?.resolved(width: frame.image.width, height: frame.image.height) else { return nil }
        let decisions = try await reader.read(frame.image, layout: layout, boxes: boxes)
        let previous = OccupancyRecords.tracks(from: try await store.spaceTracks(camera: camera))
        let (tracks, changes) = SpaceTracker.advance(previous, with: decisions, at: frame.capturedAt.date, settings: reader.settings)
        let write = OccupancyRecords.write(
            camera: camera, capturedAt: frame.capturedAt.date, layout: layout, decisions: decisions,
            tracks: tracks, changes: changes)
        return Reading(layout: layout, decisions: decisions, write: write)
    }

    /// `photo.overlay.png` beside the archived `photo.jpg`: confirmed states, as the database has them.
    func saveOverlay(_ reading: Reading, image: Image, archivedPath: String) throws -> String {
        let confirmed = Dictionary(reading.write.tracks.map { ($0.space, $0.state) }, uniquingKeysWith: { $1 })
        let spaces = reading.layout.spaces.map { space in
            OverlaySpace(polygon: space.polygon, state: confirmed[space.id].flatMap(SpaceState.init(rawValue:)) ?? .unknown, label: space.id)
        }
        let url = URL(fileURLWithPath: archivedPath).deletingPathExtension().appendingPathExtension("overlay.png")
        let figures = reading.write.reading
        try OverlayRenderer.render(image, spaces: spaces, banner: "free \(figures.free) / \(figures.total)", to: url)
        return url.path
    }
}
