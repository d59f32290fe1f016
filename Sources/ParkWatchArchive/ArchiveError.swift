import Foundation

/// What can go wrong while filing an entry into the archive: the machine failing, never the photo.
package enum ArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    case destinationTaken(path: String)
    case fileSystem(operation: String, path: String, errno: Int32)

    package var description: String {
        switch self {
        case .destinationTaken(let path): "archive destination already holds other content: \(path)"
        case .fileSystem(let operation, let path, let code):
            "\(operation) failed for \(path): \(String(cString: strerror(code)))"
        }
    }
}
