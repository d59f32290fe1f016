import Foundation
import ParkWatchInbox
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// When a sample's frame is kept as a JPEG in the archive.
public enum KeyFramePolicy: String, Sendable, CaseIterable {
    case none
    /// Every analysed sample.
    case sample
    /// Samples where some space's confirmed state changed (and the first one).
    case change
}

/// Stores one analysed sample as a reading, exactly as a photo is stored: a `photo` row (status
/// ok, `capture_source` = `stream`, no content hash) with its space reading, changes and tracks
/// in the same transaction, through the same `OccupancyStage` step.
public struct SampleRecorder: Sendable {
    let store: ParkWatchDatabase
    let occupancy: OccupancyStage?
    let archive: ArchiveLayout
    let keyFrames: KeyFramePolicy

    public init(store: ParkWatchDatabase, occupancy: OccupancyStage?, archive: ArchiveLayout, keyFrames: KeyFramePolicy) {
        self.store = store
        self.occupancy = occupancy
        self.archive = archive
        self.keyFrames = keyFrames
    }

    public func record(
        _ analysis: FrameAnalysis, image: Image, camera: String, source: String, capturedAt: Date, receivedAt: Date
    ) async throws -> StoredSample {
        var reading: OccupancyStage.Reading?
        if let occupancy, let layout = analysis.layout {
            reading = try await occupancy.record(analysis.decisions, layout: layout, camera: camera, capturedAt: capturedAt, store: store)
        }
        let keep = keyFrames == .sample || (keyFrames == .change && !(reading?.write.changes.isEmpty ?? true))
        let name = Self.fileName(capturedAt)
        let keyFrame = keep ? try saveKeyFrame(image, camera: camera, capturedAt: capturedAt, name: name) : nil
        let draft = PhotoRecord(
            camera: camera, file: name, sourcePath: source, sha256: nil, sizeBytes: nil, status: .ok,
            vehicles: analysis.vehicles, width: image.width, height: image.height, capturedAt: capturedAt,
            captureSource: "stream", receivedAt: receivedAt, archivedPath: keyFrame ?? "", filed: true,
            detectMs: analysis.detectMs)
        let stored = try await store.insert(draft, occupancy: reading?.write)
        if let occupancy, occupancy.overlays, let reading, keyFrame != nil {
            try await occupancy.attachOverlay(reading, image: image, to: stored, store: store)
        }
        try await store.recordCameraFrame(camera: camera, at: receivedAt)
        return StoredSample(record: stored, reading: reading?.write.reading, changes: reading?.write.changes.count ?? 0)
    }

    private func saveKeyFrame(_ image: Image, camera: String, capturedAt: Date, name: String) throws -> String {
        let folder = archive.directory(capturedAt: capturedAt, camera: camera)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = ArchiveLayout.freeDestination(in: folder, preferredName: name).path
        do { try image.write(to: path) } catch { throw StreamError.writeFailed(path: path, reason: error.description) }
        return path
    }

    /// `stream-20260101T101500.250Z.jpg`: sortable, unique per sample of a camera.
    static func fileName(_ date: Date) -> String {
        let text = ISOTime.format(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "stream-\(text).jpg"
    }
}

/// What one stored sample became.
public struct StoredSample: Sendable {
    public var record: PhotoRecord
    public var reading: SpaceReadingRecord?
    /// Confirmed state changes this sample caused.
    public var changes: Int
}
