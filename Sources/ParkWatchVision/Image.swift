import COpenCVShim
import Dispatch
import Foundation

/// A decoded 8-bit BGR image held by OpenCV. Immutable after init, so it may be shared across threads.
package final class Image: @unchecked Sendable {
    let handle: OpaquePointer
    package let width: Int
    package let height: Int

    /// Decodes PNG, JPEG or any format OpenCV reads, always as 3-channel colour.
    package init(decoding data: Data) throws(VisionError) {
        var decoded: OpaquePointer?
        let failure = data.withUnsafeBytes { bytes in
            Shim.call { err, errLen in
                pw_image_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &decoded, err, errLen)
            }
        }
        if let failure { throw .imageDecodeFailed(reason: failure.message) }
        guard let decoded else { throw .imageDecodeFailed(reason: "OpenCV returned no image") }
        handle = decoded
        width = Int(pw_image_width(decoded))
        height = Int(pw_image_height(decoded))
    }

    package convenience init(contentsOfFile path: String) throws(VisionError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .imageReadFailed(path: path, reason: error.localizedDescription)
        }
        try self.init(decoding: data)
    }

    /// Decodes on a dispatch queue: a large PNG takes tens of milliseconds, too long to hold a cooperative thread.
    package static func decode(_ data: Data) async throws -> Image {
        try await withCheckedThrowingContinuation { continuation in
            decodingQueue.async {
                continuation.resume(with: Result { () throws(VisionError) in try Image(decoding: data) })
            }
        }
    }

    /// Takes ownership of an image the shim just made (a video frame).
    init(adopting handle: OpaquePointer) {
        self.handle = handle
        width = Int(pw_image_width(handle))
        height = Int(pw_image_height(handle))
    }

    deinit { pw_image_free(handle) }

    private static let decodingQueue = DispatchQueue(
        label: "parkwatch.vision.decode", qos: .userInitiated, attributes: .concurrent)
}
