import Foundation
import ParkWatchVision

/// Where frames come from. Every call blocks (network, decoding), so `StreamConnection` makes
/// them on a thread of its own under a watchdog.
package protocol FrameSource: AnyObject, Sendable {
    var name: String { get }
    /// True for a source asked for each frame (an HTTP snapshot URL): it is polled at the
    /// sampling interval instead of being read as fast as it sends.
    var isPolled: Bool { get }
    /// A file ends; a live source that stops has dropped and is reconnected.
    var isFile: Bool { get }
    /// Moves to the next frame. Returns its time in seconds from the start of a file, or nil for
    /// a live source, whose frames are timed by the wall clock.
    func advance() throws(StreamError) -> Double?
    /// The frame `advance` moved to, decoded.
    func decode() throws(StreamError) -> Image
}

/// A video file or a stream FFmpeg reads (RTSP, HTTP MJPEG) through OpenCV's VideoCapture.
package final class VideoFrameSource: FrameSource, @unchecked Sendable {
    private let video: VideoSource
    private var lastTime: Double?
    /// Files are timed by their own timestamps, so a file analyses the same at any speed.
    package let isFile: Bool
    package var name: String { video.source }
    package var isPolled: Bool { false }

    package init(_ source: String, openTimeout: Duration, readTimeout: Duration) throws(StreamError) {
        do {
            video = try VideoSource(opening: source, openTimeout: openTimeout, readTimeout: readTimeout)
        } catch {
            throw .openFailed(source: source, reason: Self.reason(error))
        }
        isFile = !source.contains("://") || source.hasPrefix("file://")
    }

    package var width: Int { video.width }
    package var height: Int { video.height }
    package var framesPerSecond: Double { video.framesPerSecond }

    package func advance() throws(StreamError) -> Double? {
        do { try video.grab() } catch {
            if case .videoEnded = error { throw .streamClosed(source: name) }
            throw .garbage(source: name, reason: Self.reason(error))
        }
        guard isFile else { return nil }
        let reported = video.position.inSeconds
        // FFmpeg reports 0 for the last frames of some files (the seed video's final two, flushed
        // from the decoder without a timestamp); a file's time never runs back, so those frames
        // are placed one frame after the previous one.
        let time = if let lastTime, reported <= lastTime { lastTime + 1 / max(video.framesPerSecond, 1) } else { reported }
        lastTime = time
        return time
    }

    package func decode() throws(StreamError) -> Image {
        do { return try video.retrieve() } catch { throw .garbage(source: name, reason: Self.reason(error)) }
    }

    static func reason(_ error: VisionError) -> String {
        switch error {
        case .videoOpenFailed(_, let reason), .videoFrameUndecodable(_, let reason): reason
        default: error.description
        }
    }
}

/// An HTTP(S) URL that answers each GET with one JPEG (or PNG): many cameras' "snapshot" page.
/// Written `snapshot+http://…` in a configuration, or any http URL ending in .jpg/.jpeg.
package final class SnapshotSource: FrameSource, @unchecked Sendable {
    package let url: URL
    package let timeout: Duration
    package var name: String { url.absoluteString }
    package var isPolled: Bool { true }
    package var isFile: Bool { false }
    private var body: Data?

    package init(_ url: URL, timeout: Duration) {
        self.url = url
        self.timeout = timeout
    }

    /// `snapshot+http://host/x` → `http://host/x`; nil when `source` is not a snapshot URL.
    package static func snapshotURL(_ source: String) -> URL? {
        if source.hasPrefix("snapshot+") { return URL(string: String(source.dropFirst("snapshot+".count))) }
        guard let url = URL(string: source), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return nil }
        return ["jpg", "jpeg"].contains(url.pathExtension.lowercased()) ? url : nil
    }

    package func advance() throws(StreamError) -> Double? {
        body = try Self.fetch(url, timeout: timeout)
        return nil
    }

    package func decode() throws(StreamError) -> Image {
        guard let body else { throw .snapshotFailed(url: name, reason: "nothing fetched yet") }
        do { return try Image(decoding: body) } catch { throw .garbage(source: name, reason: error.description) }
    }
}
