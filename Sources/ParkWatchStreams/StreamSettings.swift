import ParkWatchPipeline
import Foundation

/// One camera's stream or video file and how it is read.
public struct StreamSettings: Sendable {
    public var camera: String
    /// A file path, an FFmpeg URL (rtsp://, http:// MJPEG) or a snapshot URL (see `SnapshotSource`).
    public var source: String
    /// Seconds between analysed samples; 0 analyses every frame.
    public var every: Double = 10
    /// Bounds FFmpeg's open and each read (it gives up by itself after these).
    public var openTimeout: Duration = .seconds(10)
    public var readTimeout: Duration = .seconds(10)
    /// The watchdog: a call with no answer after this is a stall, whatever FFmpeg does.
    public var stallAfter: Duration = .seconds(15)
    public var backoff = Backoff.Settings()
    public var gate = ChangeGate.Settings.default
    public var keyFrames: KeyFramePolicy = .change
    /// Capture time of a file's first frame; nil takes the file's modification time.
    public var fileStart: Date?

    public init(camera: String, source: String) {
        self.camera = camera
        self.source = source
    }

    /// Sources are opened by kind: snapshot URLs are polled over HTTP, everything else goes to FFmpeg.
    public func openSource() throws(StreamError) -> any FrameSource {
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
public struct Backoff: Sendable, Equatable {
    public struct Settings: Sendable, Equatable {
        public var initial: Duration = .seconds(1)
        public var maximum: Duration = .seconds(60)
        public var factor = 2.0

        public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60), factor: Double = 2) {
            self.initial = initial
            self.maximum = maximum
            self.factor = factor
        }
    }

    public let settings: Settings
    private var current: Duration

    public init(_ settings: Settings) {
        self.settings = settings
        current = settings.initial
    }

    /// The wait before the next attempt; each call lengthens the one after it.
    public mutating func next() -> Duration {
        let wait = current
        current = min(current * settings.factor, settings.maximum)
        return wait
    }

    public mutating func reset() { current = settings.initial }
}
