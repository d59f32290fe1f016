import COpenCVShim
import Foundation

/// A video file or a live stream (RTSP, HTTP MJPEG, anything FFmpeg opens) read frame by frame.
///
/// Every call blocks, a read on a live stream for up to `readTimeout`: call it from a thread of
/// its own (see ParkWatchStreams), never from the cooperative pool. Not thread-safe; the
/// `@unchecked Sendable` lets one owner hand it to the thread that reads it.
package final class VideoSource: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The path or URL it was opened from, for messages.
    package let source: String
    package let width: Int
    package let height: Int
    /// As the container reports it; 0 when unknown (common for live streams).
    package let framesPerSecond: Double
    /// As the container reports it; 0 when unknown (live streams).
    package let frameCount: Int

    /// Timeouts bound opening and each read inside FFmpeg; nil keeps OpenCV's default (30 s).
    package init(opening source: String, openTimeout: Duration? = nil, readTimeout: Duration? = nil) throws(VisionError) {
        var opened: OpaquePointer?
        let failure = Shim.call { err, errLen in
            pw_video_open(source, Self.milliseconds(openTimeout), Self.milliseconds(readTimeout), &opened, err, errLen)
        }
        if let failure { throw .videoOpenFailed(source: source, reason: failure.message) }
        guard let opened else { throw .videoOpenFailed(source: source, reason: "OpenCV returned no capture") }
        handle = opened
        self.source = source
        width = Int(pw_video_width(opened))
        height = Int(pw_video_height(opened))
        framesPerSecond = pw_video_fps(opened)
        frameCount = Int(pw_video_frame_count(opened))
    }

    deinit { pw_video_free(handle) }

    /// Moves to the next frame without decoding it: the cheap way past frames nobody analyses.
    package func grab() throws(VisionError) {
        if let failure = Shim.call({ pw_video_grab(handle, $0, $1) }) {
            throw failure.code == Int32(PW_ERR_VIDEO_END) ? .videoEnded(source: source)
                : .videoFrameUndecodable(source: source, reason: failure.message)
        }
    }

    /// Like `grab`, but the end of a file (or a closed stream) is `false` rather than an error.
    package func grabIfAny() throws(VisionError) -> Bool {
        do {
            try grab()
            return true
        } catch {
            if case .videoEnded = error { return false }
            throw error
        }
    }

    /// The frame last grabbed, decoded.
    package func retrieve() throws(VisionError) -> Image {
        var decoded: OpaquePointer?
        if let failure = Shim.call({ pw_video_retrieve(handle, &decoded, $0, $1) }) {
            throw .videoFrameUndecodable(source: source, reason: failure.message)
        }
        guard let decoded else { throw .videoFrameUndecodable(source: source, reason: "OpenCV returned no image") }
        return Image(adopting: decoded)
    }

    /// The next frame, decoded.
    package func read() throws(VisionError) -> Image {
        try grab()
        return try retrieve()
    }

    /// Timestamp of the frame last grabbed, from the start of the video.
    package var position: Duration { .milliseconds(pw_video_position_ms(handle)) }

    /// The next `grab` returns the frame at (or just after) `time`. Files only.
    package func seek(to time: Duration) throws(VisionError) {
        let ms = time.inMilliseconds
        if let failure = Shim.call({ pw_video_seek_ms(handle, ms, $0, $1) }) {
            throw .videoSeekFailed(source: source, reason: failure.message)
        }
    }

    static func milliseconds(_ duration: Duration?) -> Int32 {
        guard let duration else { return 0 }
        return Int32(clamping: max(Int(duration.inMilliseconds), 1))
    }
}
