import Foundation

/// Why a file's bytes are not an image this service reads. Each `description` is the text a
/// rejected photo's row keeps, so it must read well to an operator.
package enum ImageFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyFile
    case notAnImage
    case truncatedImage(format: String)
    case absurdDimensions(width: Int, height: Int)
    case tooLarge(bytes: Int, limit: Int)
    case undecodable(reason: String)

    package var description: String {
        switch self {
        case .emptyFile: "empty file (0 bytes)"
        case .notAnImage: "not an image (unknown file signature)"
        case .truncatedImage(let format): "truncated \(format) (the end of the image is missing)"
        case .absurdDimensions(let width, let height): "absurd dimensions \(width)x\(height)"
        case .tooLarge(let bytes, let limit): "file too large (\(bytes) bytes, limit \(limit))"
        case .undecodable(let reason): "image could not be decoded: \(reason)"
        }
    }
}
