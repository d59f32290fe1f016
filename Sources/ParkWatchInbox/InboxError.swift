import Foundation
import ParkWatchArchive
import ParkWatchImageFiles

/// Everything that can go wrong between a file landing in the inbox and its row being stored.
/// The first group are reasons a dropped file is rejected: their `description` is the text kept
/// in the database row, so it must read well to an operator.
package enum InboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not an image this service reads (empty, unknown, cut short, absurd, too large).
    case badImage(ImageFileError)
    case notARegularFile(kind: String)
    case detectionFailed(reason: String)

    case destinationTaken(path: String)
    case fileSystem(operation: String, path: String, errno: Int32)
    case watchFailed(path: String, errno: Int32)

    package var description: String {
        switch self {
        case .badImage(let error): error.description
        case .notARegularFile(let kind): "not a regular file (\(kind))"
        case .detectionFailed(let reason): "vehicle detection failed: \(reason)"
        case .destinationTaken(let path): "archive destination already holds other content: \(path)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        case .watchFailed(let path, let code): "cannot watch \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whether this error says the file itself is bad (reject it) rather than the machine failing.
    package var isRejection: Bool {
        switch self {
        case .badImage, .notARegularFile, .detectionFailed: true
        case .destinationTaken, .fileSystem, .watchFailed: false
        }
    }

    package init(_ error: ArchiveError) {
        switch error {
        case .destinationTaken(let path): self = .destinationTaken(path: path)
        case .fileSystem(let operation, let path, let code): self = .fileSystem(operation: operation, path: path, errno: code)
        }
    }
}
