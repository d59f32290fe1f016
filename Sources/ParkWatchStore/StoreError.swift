import Foundation

/// What can go wrong in the store; GRDB's own errors are folded into these at the module's edge.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(reason: String)
    case contentAlreadyCounted(sha256: String)
    case photoNotFound(id: Int64)
    case database(reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .migrationFailed(let reason): "database migration failed: \(reason)"
        case .contentAlreadyCounted(let sha): "a photo with content \(sha.prefix(12))… is already counted"
        case .photoNotFound(let id): "no photo with id \(id)"
        case .database(let reason): "database error: \(reason)"
        }
    }
}
