import ParkWatchPipeline
import Foundation

/// One camera's stream or video file and how it is read.
package struct StreamSettings: Sendable {
    package var camera: String
    /// A file path, an FFmpeg URL (rtsp://, http:// MJPEG) or a snapshot URL (see `SnapshotSource`).
    package var source: String
    /// Seconds between analysed samples; 0 analyses every frame.
    package var every: Double = 10
    /// Bounds FFmpeg's open and each read (it gives up by itself after these).
    package var openTimeout: Duration = .seconds(10)
    package var readTimeout: Duration = .seconds(10)
    /// The watchdog: a call with no answer after this is a stall, whatever FFmpeg does.
    package var stallAfter: Duration = .seconds(15)
    package var backoff = Backoff.Settings()
    package var gate = ChangeGate.Settings.default
    package var keyFrames: KeyFramePolicy = .change
    /// Capture time of a file's first frame; nil takes the file's modification time.
    package var fileStart: Date?
    /// Opens the source instead of `source`'s kind deciding (tests: a scripted source, no FFmpeg).
    package var opener: (@Sendable () throws(StreamError) -> any FrameSource)?

    package init(camera: String, source: String) {
        self.camera = camera
        self.source = source
    }

    /// Sources are opened by kind: snapshot URLs are polled over HTTP, everything else goes to FFmpeg.
    package func openSource() throws(StreamError) -> any FrameSource {
        if let opener { return try opener() }
        if let url = SnapshotSource.snapshotURL(source) { return SnapshotSource(url, timeout: readTimeout) }
        return try VideoFrameSource(source, openTimeout: openTimeout, readTimeout: readTimeout)
    }

    /// When a file's first frame was captured.
    func startOfFile() -> Date {
        if let fileStart { return fileStart }
        let attributes = try? FileManager.default.attributesOfItem(atPath: source)
        return (attributes?[.modificationDate] as? Date) ?? Date()
    }
}

/// Exponential backoff between reconnects: `initial`, doubled after each failure up to
/// `maximum`, back to `initial` once a frame arrives.
package struct Backoff: Sendable, Equatable {
    package struct Settings: Sendable, Equatable {
        package var initial: Duration = .seconds(1)
        package var maximum: Duration = .seconds(60)
        package var factor = 2.0

        package init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60), factor: Double = 2) {
            self.initial = initial
            self.maximum = maximum
            self.factor = factor
        }
    }

    package let settings: Settings
    private var current: Duration

    package init(_ settings: Settings) {
        self.settings = settings
        current = settings.initial
    }

    /// The wait before the next attempt; each call lengthens the one after it.
    package mutating func next() -> Duration {
        let wait = current
        current = min(current * settings.factor, settings.maximum)
        return wait
    }

    package mutating func reset() { current = settings.initial }
}
