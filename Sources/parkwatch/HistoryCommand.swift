import ArgumentParser
import Foundation
import ParkWatchStore

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List stored photos, oldest capture first.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var central: CentralOption
    @OptionGroup var window: WindowOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
        let filter = window.filter
        let rows: [HistoryRow]
        if let central = try await central.using({ try await $0.photos(matching: filter) }) {
            rows = central.map { HistoryRow($0.photo, site: $0.site) }
        } else {
            rows = try await database.openExisting().photos(matching: filter).map { HistoryRow($0) }
        }
        if json { return try JSONOutput.print(rows) }
        print(HistoryRow.table(rows))
    }
}

/// One object of `history --json`. Times are UTC ISO 8601. Read from the central database, each
/// also names its `site`, and `id` is the photo's id there.
struct HistoryRow: Encodable {
    var site: String?
    var id: Int64
    var camera: String
    var file: String
    var archivedPath: String
    var capturedAt: String
    var receivedAt: String
    var vehicles: Int?
    var status: String
    var error: String?
    var duplicateOf: Int64?

    init(_ record: PhotoRecord, site: String? = nil) {
        self.site = site
        id = record.id ?? 0
        camera = record.camera
        file = record.file
        archivedPath = record.archivedPath
        capturedAt = ISOTime.format(record.capturedAt)
        receivedAt = ISOTime.format(record.receivedAt)
        vehicles = record.vehicles
        status = record.status.rawValue
        error = record.error
        duplicateOf = record.duplicateOf
    }

    enum CodingKeys: String, CodingKey {
        case site, id, camera, file, vehicles, status, error
        case archivedPath = "archived_path", capturedAt = "captured_at", receivedAt = "received_at"
        case duplicateOf = "duplicate_of"
    }

    /// Keys with no value are written as null, so every object has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let site { try container.encode(site, forKey: .site) }
        try container.encode(id, forKey: .id)
        try container.encode(camera, forKey: .camera)
        try container.encode(file, forKey: .file)
        try container.encode(archivedPath, forKey: .archivedPath)
        try container.encode(capturedAt, forKey: .capturedAt)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(vehicles, forKey: .vehicles)
        try container.encode(status, forKey: .status)
        try container.encode(error, forKey: .error)
        try container.encode(duplicateOf, forKey: .duplicateOf)
    }

    static func table(_ rows: [HistoryRow]) -> String {
        if rows.isEmpty { return "no photos" }
        let lines = rows.map { row in
            let count = row.vehicles.map(String.init) ?? "-"
            let detail = row.error ?? row.archivedPath
            let camera = row.site.map { "\($0)/\(row.camera)" } ?? row.camera
            return "\(row.id)\t\(camera)\t\(row.capturedAt)\t\(row.status)\t\(count)\t\(row.file)\t\(detail)"
        }
        return (["id\tcamera\tcaptured_at\tstatus\tvehicles\tfile\tarchived_path / error"] + lines).joined(separator: "\n")
    }
}
