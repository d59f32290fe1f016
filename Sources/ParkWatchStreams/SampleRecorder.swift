import Foundation
import ParkWatchArchive
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// When a sample's frame is kept as a JPEG in the archive.
package enum KeyFramePolicy: String, Sendable, CaseIterable {
    case none
    /// Every analysed sample.
    case sample
    /// Samples where some space's confirmed state changed (and the first one).
    case change
}

/// Stores one read sample exactly as a photo is stored, through the same `ReadingRecorder`: a
/// `photo` row (status ok, `capture_source` = `stream`, no content hash) with its space reading,
/// changes and tracks in the same transaction.
package struct SampleRecorder: Sendable {
    let recorder: ReadingRecorder
    let archive: ArchiveLayout
    let keyFrames: KeyFramePolicy

    package init(recorder: ReadingRecorder, archive: ArchiveLayout, keyFrames: KeyFramePolicy) {
        self.recorder = recorder
        self.archive = archive
        self.keyFrames = keyFrames
    }

    package func record(
        _ reading: FrameReading, image: Image, camera: String, source: String, capturedAt: Date, receivedAt: Date
    ) async throws -> StoredSample {
        var timings = StageTimings(detect: reading.detectMs ?? 0, spaces: reading.spacesMs ?? 0)
        let name = Self.fileName(capturedAt)
        let everySample = keyFrames == .sample ? try saveKeyFrame(image, camera: camera, capturedAt: capturedAt, name: name) : nil
        let draft = PhotoRecord(
            camera: camera, file: name, sourcePath: source, sha256: nil, sizeBytes: nil, status: .ok, capturedAt: capturedAt,
            captureSource: "stream", receivedAt: receivedAt, archivedPath: everySample ?? "", filed: true)
        var recorded = try await timings.measure(\.store) { try await recorder.insert(draft, reading: reading) }
        if keyFrames == .change, let write = recorded.write, !write.changes.isEmpty, let id = recorded.record.id {
            let path = try saveKeyFrame(image, camera: camera, capturedAt: capturedAt, name: name)
            try await recorder.store.markFiled(id: id, archivedPath: path)
            recorded.record.archivedPath = path
        }
        if !recorded.record.archivedPath.isEmpty { try await recorder.attachOverlay(recorded, image: image) }
        try await recorder.store.recordCameraFrame(camera: camera, at: receivedAt)
        recorder.metrics.record(recorded.record, timings: timings)
        recorder.metrics.record(reading, camera: camera)
        return StoredSample(record: recorded.record, reading: recorded.write?.reading, changes: recorded.write?.changes.count ?? 0)
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
package struct StoredSample: Sendable {
    package var record: PhotoRecord
    package var reading: SpaceReadingRecord?
    /// Confirmed state changes this sample caused.
    package var changes: Int
}
