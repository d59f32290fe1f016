import Foundation
import Logging
import ParkWatchArchive
import ParkWatchImageFiles
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// Takes one photo from the inbox to a stored row and an archived file.
///
/// Order of work: read and hash, look for a row left by a crash, decide (count, duplicate or
/// reject), write the row with its planned archive path, move the file, mark the row filed.
package struct PhotoProcessor: Sendable {
    package struct Settings: Sendable {
        package var limits: ImageLimits = .default
        /// Zone of wall-clock times in EXIF and file names, and of the archive's date folders.
        package var timeZone: TimeZone = .gmt
        /// Cameras whose clocks run in another zone than `timeZone`.
        package var cameraTimeZones: [String: TimeZone] = [:]

        package init(limits: ImageLimits = .default, timeZone: TimeZone = .gmt, cameraTimeZones: [String: TimeZone] = [:]) {
            self.limits = limits
            self.timeZone = timeZone
            self.cameraTimeZones = cameraTimeZones
        }

        func timeZone(of camera: String) -> TimeZone { cameraTimeZones[camera] ?? timeZone }
    }

    let reader: FrameReader
    /// Each camera's layout as drawn; cameras without one get vehicle counts only.
    let layouts: CameraLayouts
    let recorder: ReadingRecorder
    let archive: ArchiveLayout
    let mover: FileMover
    let settings: Settings
    let faults: FaultInjector
    let logger: Logger
    var store: ParkWatchDatabase { recorder.store }

    package init(
        reader: FrameReader, layouts: CameraLayouts = CameraLayouts(fixed: [:]), recorder: ReadingRecorder, archive: ArchiveLayout,
        settings: Settings = Settings(), mover: FileMover = FileMover(), faults: FaultInjector = .none,
        logger: Logger = Logger(label: "parkwatch")
    ) {
        self.reader = reader
        self.layouts = layouts
        self.recorder = recorder
        self.archive = archive
        self.mover = mover
        self.settings = settings
        self.faults = faults
        self.logger = logger
    }

    /// nil when the entry vanished before it could be read (already handled through another event).
    /// Metrics are recorded here, the one place every outcome passes; a photo that throws stays
    /// in the inbox and is counted when a later attempt settles it.
    package func process(_ photo: Photo) async throws -> ProcessedPhoto? {
        guard let processed = try await outcome(of: photo) else { return nil }
        recorder.metrics.record(processed.record, timings: processed.timings)
        return processed
    }

    private func outcome(of photo: Photo) async throws -> ProcessedPhoto? {
        guard let entry = InboxEntry.inspect(photo.url) else { return nil }
        var timings = StageTimings()
        let content = try await timings.measure(\.read) { try readable(entry) ? PhotoContent.read(photo.url) : nil }
        try faults.check(.afterRead)
        if let pending = try await store.unfiledPhoto(sha256: content?.sha256, sourcePath: photo.url.path) {
            let record = try await file(pending, from: photo.url, timings: &timings)
            return ProcessedPhoto(record: record, outcome: .recovered, timings: timings)
        }
        let capture = CaptureTime.resolve(
            data: content?.data ?? Data(), fileName: photo.name, modified: entry.modified,
            timeZone: settings.timeZone(of: photo.camera))
        var draft = draftRecord(photo, entry: entry, content: content, capture: capture)
        let verdict = try await decide(&draft, content: content, entry: entry, capture: capture, timings: &timings)
        var recorded = try await timings.measure(\.store) { try await recorder.insert(draft, reading: verdict.reading) }
        try faults.check(.afterInsert)
        recorded.record = try await file(recorded.record, from: photo.url, timings: &timings)
        await saveOverlay(recorded, frame: verdict.frame)
        return ProcessedPhoto(
            record: recorded.record, outcome: verdict.outcome, spaces: recorded.decisions, timings: timings,
            adjustment: verdict.reading?.adjustment)
    }

    /// What `decide` found: the outcome, and for a counted photo its frame and its reading.
    struct Verdict {
        var outcome: ProcessedPhoto.Outcome
        var frame: Frame?
        var reading: FrameReading?
    }

    private func readable(_ entry: InboxEntry) -> Bool {
        entry.kind == .regular && entry.size <= settings.limits.maxBytes
    }

    /// Fills in status, count and destination: counted, duplicate of a counted photo, or rejected with its reason.
    private func decide(
        _ draft: inout PhotoRecord, content: PhotoContent?, entry: InboxEntry, capture: CaptureTime,
        timings: inout StageTimings
    ) async throws -> Verdict {
        let archive = ArchiveLayout(root: self.archive.root, timeZone: settings.timeZone(of: draft.camera))
        if let content, let original = try await store.countedPhoto(sha256: content.sha256) {
            draft.status = .duplicate
            draft.duplicateOf = original.id
            draft.archivedPath = destination(in: archive.duplicatesDirectory(capturedAt: capture.date, camera: draft.camera), name: draft.file)
            return Verdict(outcome: .duplicate)
        }
        do {
            let frame = try await timings.measure(\.decode) { try await decodeFrame(content, entry: entry, capture: capture) }
            let reading = try await read(frame, camera: draft.camera, at: capture.date)
            recorder.metrics.record(reading, camera: draft.camera)
            timings.detect = reading.detectMs ?? 0
            // Only a camera with a layout has a `spaces` stage; otherwise it stays 0 and is not observed.
            timings.spaces = reading.spacesMs ?? 0
            draft.archivedPath = destination(in: archive.directory(capturedAt: capture.date, camera: draft.camera), name: draft.file)
            return Verdict(outcome: .counted, frame: frame, reading: reading)
        } catch let reason as InboxError where reason.isRejection {
            draft.status = .rejected
            draft.error = reason.description
            draft.archivedPath = destination(in: archive.rejectedDirectory(receivedAt: draft.receivedAt, camera: draft.camera), name: draft.file)
            return Verdict(outcome: .rejected)
        }
    }

    /// A detector that fails on this photo rejects it; a space reading that fails does not cost
    /// the photo its vehicle count (the recorder stores the reason).
    /// The capture time is the gate's clock: a full pass is due by the camera's own timeline.
    private func read(_ frame: Frame, camera: String, at capture: Date) async throws -> FrameReading {
        do {
            return try await reader.read(frame.image, camera: camera, layout: layouts[camera], at: capture.timeIntervalSince1970)
        } catch PipelineError.detectionFailed(let reason) {
            throw InboxError.detectionFailed(reason: reason)
        }
    }

    private func saveOverlay(_ recorded: RecordedReading, frame: Frame?) async {
        guard let frame else { return }
        do {
            try await recorder.attachOverlay(recorded, image: frame.image)
        } catch {
            logger.warning("overlay not saved: \(error)", metadata: ["file": "\(recorded.record.archivedPath)"])
        }
    }

    private func decodeFrame(_ content: PhotoContent?, entry: InboxEntry, capture: CaptureTime) async throws -> Frame {
        guard entry.kind == .regular else { throw InboxError.notARegularFile(kind: entry.kind.rawValue) }
        guard let content else { throw InboxError.badImage(.tooLarge(bytes: entry.size, limit: settings.limits.maxBytes)) }
        let info: ImageInfo
        do { info = try ImageProbe.inspect(content.data, limits: settings.limits) } catch { throw InboxError.badImage(error) }
        do {
            let image = try await Image.decode(content.data)
            return Frame(image: image, format: info.format, capturedAt: capture)
        } catch {
            throw InboxError.badImage(.undecodable(reason: "\(error)"))
        }
    }

    private func draftRecord(_ photo: Photo, entry: InboxEntry, content: PhotoContent?, capture: CaptureTime) -> PhotoRecord {
        PhotoRecord(
            camera: photo.camera, file: photo.name, sourcePath: photo.url.path, sha256: content?.sha256,
            sizeBytes: entry.kind == .regular ? entry.size : nil, status: .ok, capturedAt: capture.date,
            captureSource: capture.source.rawValue, receivedAt: photo.receivedAt, archivedPath: "")
    }

    private func destination(in directory: URL, name: String) -> String {
        ArchiveLayout.freeDestination(in: directory, preferredName: name).path
    }
}
