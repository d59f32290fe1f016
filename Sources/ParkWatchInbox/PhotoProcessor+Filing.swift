import Foundation
import ParkWatchPipeline
import ParkWatchArchive
import ParkWatchStore

extension PhotoProcessor {
    /// Moves the file to the row's archive path and marks the row filed. Also the whole of the
    /// work for a row left by a crash: the photo is moved, never counted again.
    func file(_ record: PhotoRecord, from source: URL, timings: inout StageTimings) async throws -> PhotoRecord {
        guard let id = record.id else { throw StoreError.photoNotFound(id: -1) }
        let placed = try await timings.measure(\.move) { try place(source, preferred: URL(fileURLWithPath: record.archivedPath)) }
        try faults.check(.afterPlace)
        try await timings.measure(\.store) { try await store.markFiled(id: id, archivedPath: placed.path) }
        var filed = record
        filed.archivedPath = placed.path
        filed.filed = true
        return filed
    }

    /// A destination that filled up since the row was written (another writer in the archive)
    /// gets the next free suffix rather than an overwrite.
    private func place(_ source: URL, preferred: URL) throws -> URL {
        var destination = preferred
        for _ in 0..<100 {
            do {
                _ = try mover.place(source, at: destination)
                return destination
            } catch .destinationTaken {
                destination = ArchiveLayout.freeDestination(
                    in: preferred.deletingLastPathComponent(), preferredName: preferred.lastPathComponent)
            } catch {
                throw InboxError(error)
            }
        }
        throw InboxError.destinationTaken(path: preferred.path)
    }

    /// At start: rows whose move finished before a crash are marked filed; rows whose file is
    /// still in the inbox are left for the scan, which recognises them by content.
    package func reconcile() async throws -> [PhotoRecord] {
        var lost: [PhotoRecord] = []
        for record in try await store.unfiledPhotos() {
            guard let id = record.id, InboxEntry.inspect(URL(fileURLWithPath: record.sourcePath)) == nil else { continue }
            if InboxEntry.inspect(URL(fileURLWithPath: record.archivedPath)) != nil {
                try await store.markFiled(id: id, archivedPath: record.archivedPath)
            } else {
                lost.append(record)
            }
        }
        return lost
    }
}
