import COpenCVShim
import Foundation

/// Writes frames of one size into a video file (MPEG-4 Part 2 in .mp4 by default, which
/// Debian's FFmpeg always has). The file is finished when the writer is closed or released.
package final class VideoWriter: @unchecked Sendable {
    private var handle: OpaquePointer?
    package let path: String
    package let width: Int
    package let height: Int

    package init(path: String, width: Int, height: Int, framesPerSecond: Double, fourcc: String = "mp4v") throws(VisionError) {
        var opened: OpaquePointer?
        let failure = Shim.call { err, errLen in
            pw_video_writer_open(path, fourcc, framesPerSecond, Int32(width), Int32(height), &opened, err, errLen)
        }
        if let failure { throw .videoWriteFailed(path: path, reason: failure.message) }
        guard let opened else { throw .videoWriteFailed(path: path, reason: "OpenCV returned no writer") }
        handle = opened
        self.path = path
        self.width = width
        self.height = height
    }

    deinit { close() }

    package func write(_ image: Image) throws(VisionError) {
        guard let handle else { throw .videoWriteFailed(path: path, reason: "the writer is closed") }
        let failure = withExtendedLifetime(image) { Shim.call { pw_video_writer_write(handle, image.handle, $0, $1) } }
        if let failure { throw .videoWriteFailed(path: path, reason: failure.message) }
    }

    /// Finishes the file; writing after this fails.
    package func close() {
        guard let handle else { return }
        pw_video_writer_free(handle)
        self.handle = nil
    }
}

extension Image {
    /// Encodes for the path's extension (.jpg, .png) and writes the file.
    package func write(to path: String) throws(VisionError) {
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_write(handle, path, $0, $1) } }
        if let failure { throw .videoWriteFailed(path: path, reason: failure.message) }
    }
}
