import Foundation
import ParkWatchPipeline
import ParkWatchImageFiles
import ParkWatchArchive
import ParkWatchOccupancy
import ParkWatchStore
import ParkWatchVision

/// A file the watcher noticed in the inbox, before anything is read.
public struct Photo: Sendable, Equatable {
    /// Where it sits now. Built by the watcher from the real directory entry, never from text a client sent.
    public var url: URL
    /// Sanitised camera id (the first folder under the inbox, or `default`).
    public var camera: String
    /// Sanitised file name, used for the archive.
    public var name: String
    public var receivedAt: Date

    public init(url: URL, camera: String, name: String, receivedAt: Date) {
        self.url = url
        self.camera = camera
        self.name = name
        self.receivedAt = receivedAt
    }

    /// The photo for a path under `inbox`: the camera is the first folder below it.
    public init(at url: URL, inbox: URL, receivedAt: Date) {
        let relative = Array(url.standardizedFileURL.pathComponents
            .dropFirst(inbox.standardizedFileURL.pathComponents.count))
        let camera = relative.count > 1 ? CameraID.sanitize(relative[0]) : CameraID.fallback
        self.init(url: url, camera: camera, name: SafeFileName.sanitize(url.lastPathComponent), receivedAt: receivedAt)
    }
}

/// A decoded photo, ready for the detector.
public struct Frame: Sendable {
    public var image: Image
    public var format: String
    public var capturedAt: CaptureTime
}

/// What became of one photo.
public struct ProcessedPhoto: Sendable {
    public enum Outcome: String, Sendable {
        case counted, rejected, duplicate
        /// A row from before a crash: the file was only moved, not counted again.
        case recovered
    }

    public var record: PhotoRecord
    public var outcome: Outcome
    /// The raw per-space reading, for a counted photo of a camera with a layout.
    public var spaces: [SpaceDecision]? = nil
    public var timings: StageTimings
}
