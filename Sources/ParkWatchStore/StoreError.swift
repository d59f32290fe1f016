import Foundation

/// What can go wrong in the store; GRDB's own errors are folded into these at the module's edge.
package enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(reason: String)
    case contentAlreadyCounted(sha256: String)
    case photoNotFound(id: Int64)
    /// Labels refused: the photo is another camera's, its spaces were never read, or a label
    /// names a space its layout does not have.
    case labelledPhotoOfAnotherCamera(id: Int64, camera: String)
    case labelledPhotoNotRead(id: Int64)
    case labelledSpaceUnknown(space: String, photoID: Int64, spaces: Int)
    case database(reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .migrationFailed(let reason): "database migration failed: \(reason)"
        case .contentAlreadyCounted(let sha): "a photo with content \(sha.prefix(12))… is already counted"
        case .photoNotFound(let id): "no photo with id \(id)"
        case .labelledPhotoOfAnotherCamera(let id, let camera): "photo \(id) is a photo of camera \(camera)"
        case .labelledPhotoNotRead(let id): "the spaces of photo \(id) were not read (its camera had no layout then)"
        case .labelledSpaceUnknown(let space, let id, let spaces):
            "space \(space) is not in the layout photo \(id) was read with (\(spaces) spaces)"
        case .database(let reason): "database error: \(reason)"
        }
    }
}
