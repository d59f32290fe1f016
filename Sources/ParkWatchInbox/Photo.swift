import Foundation
import ParkWatchPipeline
import ParkWatchImageFiles
import ParkWatchArchive
import ParkWatchOccupancy
import ParkWatchStore
import ParkWatchVision

/// A file the watcher noticed in the inbox, before anything is read.
package struct Photo: Sendable, Equatable {
    /// Where it sits now. Built by the watcher from the real directory entry, never from text a client sent.
    package var url: URL
    /// Sanitised camera id (the first folder under the inbox, or `default`).
    package var camera: String
    /// Sanitised file name, used for the archive.
    package var name: String
    package var receivedAt: Date

    package init(url: URL, camera: String, name: String, receivedAt: Date) {
        self.url = url
        self.camera = camera
        self.name = name
        self.receivedAt = receivedAt
    }

    /// The photo for a path under `inbox`: the camera is the first folder below it.
    package init(at url: URL, inbox: URL, receivedAt: Date) {
        let relative = Array(url.standardizedFileURL.pathComponents
            .dropFirst(inbox.standardizedFileURL.pathComponents.count))
        let camera = relative.count > 1 ? CameraID.sanitize(relative[0]) : CameraID.fallback
        self.init(url: url, camera: camera, name: SafeFileName.sanitize(url.lastPathComponent), receivedAt: receivedAt)
    }
}

/// A decoded photo, ready for the detector.
package struct Frame: Sendable {
    package var image: Image
    package var format: String
    package var capturedAt: CaptureTime
}

/// What became of one photo.
package struct ProcessedPhoto: Sendable {
    package enum Outcome: String, Sendable {
        case counted, rejected, duplicate
        /// A row from before a crash: the file was only moved, not counted again.
        case recovered
    }

    package var record: PhotoRecord
    package var outcome: Outcome
    /// The raw per-space reading, for a counted photo of a camera with a layout.
    package var spaces: [SpaceDecision]? = nil
    package var timings: StageTimings
    /// How a dim, flat or soft photo was lifted, stretched or sharpened before it was read (`FrameLight`).
    package var adjustment: FrameAdjustment? = nil
}
