import Foundation
import ParkWatchStore

/// `GET /api/photos/{id}`: `pending` until the watcher stored the photo, then its row's outcome.
/// A duplicate carries the figures of the counted photo with the same content.
struct PhotoResult: Encodable {
    var id: String
    /// `pending`, `ok`, `rejected` or `duplicate`.
    var status: String
    @Nullable var photoId: Int64?
    @Nullable var camera: String?
    @Nullable var capturedAt: Date?
    @Nullable var vehicles: Int?
    @Nullable var error: String?
    @Nullable var duplicateOf: Int64?
    @Nullable var spaces: SpaceFigures?

    struct SpaceFigures: Encodable, Sendable, Equatable {
        var total: Int
        var occupied: Int
        var free: Int
        var unknown: Int
        var freeSpaces: [String]
    }

    static func pending(_ id: String) -> PhotoResult {
        PhotoResult(id: id, status: "pending")
    }

    static func make(id: String, row: PhotoRecord, store: ParkWatchDatabase) async throws -> PhotoResult {
        var counted = row
        if row.status == .duplicate, let original = row.duplicateOf, let originalRow = try await store.photo(id: original) {
            counted = originalRow
        }
        let reading = try await counted.id.asyncMap { try await store.spaceReading(photoID: $0) } ?? nil
        return PhotoResult(
            id: id, status: row.status.rawValue, photoId: row.id, camera: row.camera, capturedAt: row.capturedAt,
            vehicles: counted.vehicles, error: row.error, duplicateOf: row.duplicateOf, spaces: reading.map(figures))
    }

    private static func figures(_ reading: SpaceReadingRecord) -> SpaceFigures {
        let free = (try? JSONDecoder().decode([String].self, from: Data(reading.freeSpaces.utf8))) ?? []
        return SpaceFigures(total: reading.total, occupied: reading.occupied, free: reading.free, unknown: reading.unknown, freeSpaces: free)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
