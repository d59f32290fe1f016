import Foundation
import Logging
import ParkWatchStore
import ParkWatchVision

/// Takes one photo from the inbox to a stored row and an archived file.
///
/// Order of work: read and hash, look for a row left by a crash, decide (count, duplicate or
/// reject), write the row with its planned archive path, move the file, mark the row filed.
public struct PhotoProcessor: Sendable {
    public struct Settings: Sendable {
        public var limits: ImageLimits = .default
        /// Zone of wall-clock times in EXIF and file names, and of the archive's date folders.
        public var timeZone: TimeZone = .gmt
        /// Cameras whose clocks run in another zone than `timeZone`.
        public var cameraTimeZones: [String: TimeZone] = [:]

        public init(limits: ImageLimits = .default, timeZone: TimeZone = .gmt, cameraTimeZones: [String: TimeZone] = [:]) {
            self.limits = limits
            self.timeZone = timeZone
            self.cameraTimeZones = cameraTimeZones
        }

        func timeZone(of camera: String) -> TimeZone { cameraTimeZones[camera] ?? timeZone }
    }

    let store: ParkWatchDatabase
    let detector: any VehicleCounter
    let archive: ArchiveLayout
    let mover: FileMover
    let settings: Settings
    let faults: FaultInjector
    let occupancy: OccupancyStage?
    let metrics: PipelineMetrics
    let logger: Logger

    public init(
        store: ParkWatchDatabase, detector: any VehicleCounter, archive: ArchiveLayout,
        settings: Settings = Settings(), occupancy: OccupancyStage? = nil, mover: FileMover = FileMover(),
        faults: FaultInjector = .none, metrics: PipelineMetrics = .bootstrapped, logger: Logger = Logger(label: "parkwatch")
    ) {
        self.store = store
        self.detector = detector
        self.archive = archive
        self.mover = mover
        self.settings = settings
        self.occupancy = occupancy
        self.faults = faults
        self.metrics = metrics
        self.logger = logger
    }

    /// nil when the entry vanished before it could be read (already handled through another event).
    /// Metrics are recorded here, the one place every outcome passes; a photo that throws stays
    /// in the inbox and is counted when a later attempt settles it.
    public func process(_ photo: Photo) async throws -> ProcessedPhoto? {
        guard let processed = try await outcome(of: photo) else { return nil }
        metrics.record(processed)
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
        let stored = try await timings.measure(\.store) { try await store.insert(draft, occupancy: verdict.spaces?.write) }
        try faults.check(.afterInsert)
        let record = try await file(stored, from: photo.url, timings: &timings)
        await saveOverlay(verdict, record: record)
        return ProcessedPhoto(record: record, outcome: verdict.outcome, spaces: verdict.spaces?.decisions, timings: timings)
    }

    /// What `decide` found: the outcome, and for a counted photo its frame and space reading.
    struct Verdict {
        var outcome: ProcessedPhoto.Outcome
        var frame: Frame?
        var spaces: OccupancyStage.Reading?
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
            let detections = try await timings.measure(\.detect) { try await countVehicles(in: frame) }
            draft.vehicles = detections.vehicles
            draft.width = frame.image.width
            draft.height = frame.image.height
            draft.detectMs = timings.detect
            draft.archivedPath = destination(in: archive.directory(capturedAt: capture.date, camera: draft.camera), name: draft.file)
            // Timed only when some camera has a layout, so otherwise `spaces` stays 0 and is not observed.
            let spaces = occupancy == nil
                ? nil : await timings.measure(\.spaces) { await readSpaces(frame, boxes: detections.boxes, draft: &draft) }
            return Verdict(outcome: .counted, frame: frame, spaces: spaces)
        } catch let reason as InboxError where reason.isRejection {
            draft.status = .rejected
            draft.error = reason.description
            draft.archivedPath = destination(in: archive.rejectedDirectory(receivedAt: draft.receivedAt, camera: draft.camera), name: draft.file)
            return Verdict(outcome: .rejected)
        }
    }

    /// A failure here does not cost the photo its vehicle count: it is stored with the reason.
    private func readSpaces(_ frame: Frame, boxes: [VehicleBox], draft: inout PhotoRecord) async -> OccupancyStage.Reading? {
        guard let occupancy else { return nil }
        do {
            return try await occupancy.read(frame, boxes: boxes, camera: draft.camera, store: store)
        } catch {
            draft.error = "space reading failed: \(error)"
            return nil
        }
    }

    private func saveOverlay(_ verdict: Verdict, record: PhotoRecord) async {
        guard let occupancy, occupancy.overlays, let spaces = verdict.spaces, let frame = verdict.frame else { return }
        do {
            try await occupancy.attachOverlay(spaces, image: frame.image, to: record, store: store)
        } catch {
            logger.warning("overlay not saved: \(error)", metadata: ["file": "\(record.archivedPath)"])
        }
    }

    private func decodeFrame(_ content: PhotoContent?, entry: InboxEntry, capture: CaptureTime) async throws -> Frame {
        guard entry.kind == .regular else { throw InboxError.notARegularFile(kind: entry.kind.rawValue) }
        guard let content else { throw InboxError.tooLarge(bytes: entry.size, limit: settings.limits.maxBytes) }
        let info = try ImageProbe.inspect(content.data, limits: settings.limits)
        do {
            let image = try await Image.decode(content.data)
            return Frame(image: image, format: info.format, capturedAt: capture)
        } catch {
            throw InboxError.undecodable(reason: "\(error)")
        }
    }

    private func countVehicles(in frame: Frame) async throws -> Detections {
        do { return try await detector.detect(frame.image) } catch let error as VisionError {
            throw InboxError.detectionFailed(reason: error.description)
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
