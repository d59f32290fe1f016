import Foundation
import ParkWatchArchive
import ParkWatchImageFiles

/// Everything that can go wrong between a file landing in the inbox and its row being stored.
/// The first group are reasons a dropped file is rejected: their `description` is the text kept
/// in the database row, so it must read well to an operator.
public enum InboxError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyFile
    case notAnImage
    case truncatedImage(format: String)
    case absurdDimensions(width: Int, height: Int)
    case tooLarge(bytes: Int, limit: Int)
    case notARegularFile(kind: String)
    case undecodable(reason: String)
    case detectionFailed(reason: String)

    case destinationTaken(path: String)
    case fileSystem(operation: String, path: String, errno: Int32)
    case watchFailed(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .emptyFile: "empty file (0 bytes)"
        case .notAnImage: "not an image (unknown file signature)"
        case .truncatedImage(let format): "truncated \(format) (the end of the image is missing)"
        case .absurdDimensions(let width, let height): "absurd dimensions \(width)x\(height)"
        case .tooLarge(let bytes, let limit): "file too large (\(bytes) bytes, limit \(limit))"
        case .notARegularFile(let kind): "not a regular file (\(kind))"
        case .undecodable(let reason): "image could not be decoded: \(reason)"
        case .detectionFailed(let reason): "vehicle detection failed: \(reason)"
        case .destinationTaken(let path): "archive destination already holds other content: \(path)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        case .watchFailed(let path, let code): "cannot watch \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whether this error says the file itself is bad (reject it) rather than the machine failing.
    public var isRejection: Bool {
        switch self {
        case .emptyFile, .notAnImage, .truncatedImage, .absurdDimensions, .tooLarge,
             .notARegularFile, .undecodable, .detectionFailed: true
        case .destinationTaken, .fileSystem, .watchFailed: false
        }
    }

    /// The same reason as the inbox reports it (and a rejected row keeps it).
    public init(_ error: ImageFileError) {
        switch error {
        case .emptyFile: self = .emptyFile
        case .notAnImage: self = .notAnImage
        case .truncatedImage(let format): self = .truncatedImage(format: format)
        case .absurdDimensions(let width, let height): self = .absurdDimensions(width: width, height: height)
        case .tooLarge(let bytes, let limit): self = .tooLarge(bytes: bytes, limit: limit)
        case .undecodable(let reason): self = .undecodable(reason: reason)
        }
    }

    public init(_ error: ArchiveError) {
        switch error {
        case .destinationTaken(let path): self = .destinationTaken(path: path)
        case .fileSystem(let operation, let path, let code): self = .fileSystem(operation: operation, path: path, errno: code)
        }
    }
}
