import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision
import Synchronization

/// The per-space step of the pipeline, for cameras that have a layout.
public struct OccupancyStage: Sendable {
    let reader: SpaceReader
    let layouts: [String: LotLayout]
    /// Save an overlay PNG beside each archived photo (and each archived key frame of a stream).
    public let overlays: Bool
    /// Per camera, what earlier photos showed of the detector's recall; kept in memory only, as a
    /// restarted service relearns it from the first busy photos.
    let recall = CameraRecall()

    public init(reader: SpaceReader, layouts: [String: LotLayout], overlays: Bool) {
        self.reader = reader
        self.layouts = layouts
        self.overlays = overlays
    }

    /// One photo's (or video sample's) reading of its spaces, ready to be stored with its row.
    public struct Reading: Sendable {
        public var layout: LotLayout
        public var decisions: [SpaceDecision]
        public var write: OccupancyWrite
    }

    /// The camera's layout in pixels of a `width` x `height` frame; nil for a camera without one.
    public func layout(camera: String, width: Int, height: Int) -> LotLayout? {
        layouts[camera]?.resolved(width: width, height: height)
    }

    /// The camera's layout as loaded, in the coordinates it was drawn in.
    public func layout(camera: String) -> LotLayout? { layouts[camera] }

    public var spaceReader: SpaceReader { reader }

    /// nil for a camera without a layout.
    func read(_ frame: Frame, boxes: [VehicleBox], camera: String, store: ParkWatchDatabase) async throws -> Reading? {
        guard let layout = layout(camera: camera, width: frame.image.width, height: frame.image.height) else { return nil }
        let reading = try await reader.reading(frame.image, layout: layout, boxes: boxes, memory: recall.memory(of: camera))
        recall.add(reading.evidence, camera: camera, limit: reader.settings.recallMemory)
        return try await record(reading.decisions, layout: layout, camera: camera, capturedAt: frame.capturedAt.date, store: store)
    }

    /// Moves the camera's anti-flicker tracks on by one reading and builds what the store keeps:
    /// the same step for a photo and for a video sample.
    public func record(
        _ decisions: [SpaceDecision], layout: LotLayout, camera: String, capturedAt: Date, store: ParkWatchDatabase
    ) async throws -> Reading {
        let previous = OccupancyRecords.tracks(from: try await store.spaceTracks(camera: camera))
        let (tracks, changes) = SpaceTracker.advance(previous, with: decisions, at: capturedAt, settings: reader.settings)
        let write = OccupancyRecords.write(
            camera: camera, capturedAt: capturedAt, layout: layout, decisions: decisions, tracks: tracks, changes: changes)
        return Reading(layout: layout, decisions: decisions, write: write)
    }

    /// Saves the overlay beside the stored photo's archived file and records its path on the photo's reading.
    public func attachOverlay(_ reading: Reading, image: Image, to photo: PhotoRecord, store: ParkWatchDatabase) async throws {
        guard let id = photo.id else { return }
        let path = try saveOverlay(reading, image: image, archivedPath: photo.archivedPath)
        try await store.setOverlayPath(path, photoID: id)
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

/// The `RecallMemory` of each camera, shared by the photos of a camera however they are scheduled.
final class CameraRecall: Sendable {
    private let memories = Mutex<[String: RecallMemory]>([:])

    func memory(of camera: String) -> RecallMemory {
        memories.withLock { $0[camera] ?? RecallMemory() }
    }

    func add(_ evidence: RecallMemory, camera: String, limit: Double) {
        memories.withLock { $0[camera] = ($0[camera] ?? RecallMemory()).adding(evidence, limit: limit) }
    }
}
