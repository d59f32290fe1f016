import Foundation
import ParkWatchStore
import PostgresNIO

/// A camera of the central database is `<site>/<camera>`: ids never hold a `/`, so the two parts
/// come back apart, and two sites may each have a `cam1`.
package enum CentralCamera {
    package static func id(site: String, camera: String) -> String { "\(site)/\(camera)" }

    static func parts(_ id: String) throws(CentralError) -> (site: String, camera: String) {
        let parts = id.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { throw .unknownCamera(id) }
        return (String(parts[0]), String(parts[1]))
    }
}

/// A stored photo as the central database has it: the site it came from and the site's row.
package struct CentralPhoto: Sendable {
    package var site: String
    package var photo: PhotoRecord
}

/// The reads of `history`, `report` and the web app across every site, the same queries as a
/// node's SQLite answers, served by the central indexes (site, camera, time). Each answers within
/// `requestTimeout` or is `unreachable`; only `photos(matching:)`, `history`'s, may take longer.
extension CentralDatabase: ReportSource {
    package func cameras() async throws -> [String] {
        try await answered(migrating: false) {
            try await siteCameras("SELECT site, camera FROM site_camera ORDER BY site, camera", PostgresBindings())
        }
    }

    package func camerasOfLot(_ lot: String) async throws -> [String] {
        try await answered(migrating: false) {
            try await siteCameras("SELECT site, camera FROM site_camera WHERE lot = $1 ORDER BY site, camera", binds(lot))
        }
    }

    private func siteCameras(_ sql: String, _ values: PostgresBindings) async throws -> [String] {
        var ids: [String] = []
        for try await (site, camera) in try await query(sql, values).decode((String, String).self) {
            ids.append(CentralCamera.id(site: site, camera: camera))
        }
        return ids
    }

    package func hasSpaceReadings(camera: String) async throws -> Bool {
        try await answered(migrating: false) {
            let (site, name) = try CentralCamera.parts(camera)
            for try await exists in try await query("SELECT EXISTS (SELECT 1 FROM layout WHERE site = $1 AND camera = $2)", binds(site, name)).decode(Bool.self) {
                return exists
            }
            return false
        }
    }

    // A year's report reads millions of rows: each query returns one row of arrays, in order,
    // which the client decodes (`BinaryArray`) many times faster than as many rows.

    package func occupiedCounts(camera: String, from: Date, to: Date) async throws -> [CountAt] {
        try await answered(migrating: false) {
            let (site, name) = try CentralCamera.parts(camera)
            // Each reading's total and occupied spaces travel as one number (total << 32 | occupied):
            // one array fewer to build, send and read.
            for try await (times, counts) in try await query("""
                SELECT coalesce(array_agg(captured_at), '{}'), coalesce(array_agg((total::int8 << 32) | occupied), '{}')
                FROM (SELECT captured_at, occupied, total FROM space_reading
                      WHERE site = $1 AND camera = $2 AND captured_at >= $3 AND captured_at < $4 ORDER BY captured_at, photo_id) r
                """, binds(site, name, from, to)).decode((ByteBuffer, ByteBuffer).self) {
                let (times, counts) = (try Self.dates(times), try Self.integers(counts))
                return times.indices.map { CountAt(at: times[$0], count: counts[$0] & 0xFFFF_FFFF, total: counts[$0] >> 32) }
            }
            return []
        }
    }

    package func vehicleCounts(camera: String, from: Date, to: Date) async throws -> [CountAt] {
        try await answered(migrating: false) {
            let (site, name) = try CentralCamera.parts(camera)
            for try await (times, vehicles) in try await query("""
                SELECT coalesce(array_agg(captured_at), '{}'), coalesce(array_agg(vehicles::int8), '{}')
                FROM (SELECT captured_at, vehicles FROM photo
                      WHERE site = $1 AND camera = $2 AND status = 'ok' AND captured_at >= $3 AND captured_at < $4 AND vehicles IS NOT NULL
                      ORDER BY captured_at, id) p
                """, binds(site, name, from, to)).decode((ByteBuffer, ByteBuffer).self) {
                let (times, vehicles) = (try Self.dates(times), try Self.integers(vehicles))
                return times.indices.map { CountAt(at: times[$0], count: vehicles[$0], total: nil) }
            }
            return []
        }
    }

    /// Each space's newest change before the window, then its changes in it: index seeks per
    /// space (the spaces listed by a skip scan), so a window late in a long history does not read
    /// the history before it.
    package func spaceChanges(camera: String, from: Date, to: Date) async throws -> [SpaceStateAt] {
        try await answered(migrating: false) {
            let (site, name) = try CentralCamera.parts(camera)
            for try await (spaces, times, states) in try await query("""
                WITH RECURSIVE spaces(space) AS (
                    SELECT min(space) FROM space_change WHERE site = $1 AND camera = $2
                    UNION ALL
                    SELECT (SELECT min(space) FROM space_change WHERE site = $1 AND camera = $2 AND space > spaces.space)
                    FROM spaces WHERE spaces.space IS NOT NULL)
                SELECT coalesce(array_agg(space), '{}'), coalesce(array_agg(at), '{}'), coalesce(array_agg(state), '{}')
                FROM (SELECT s.space, c.at, c.state FROM spaces s CROSS JOIN LATERAL (
                          (SELECT at, state, id FROM space_change
                           WHERE site = $1 AND camera = $2 AND space = s.space AND at < $4 ORDER BY at DESC, id DESC LIMIT 1)
                          UNION ALL
                          (SELECT at, state, id FROM space_change WHERE site = $1 AND camera = $2 AND space = s.space AND at >= $4 AND at < $3)
                      ) c
                      WHERE s.space IS NOT NULL ORDER BY s.space, c.at, c.id) c
                """, binds(site, name, to, from)).decode((ByteBuffer, ByteBuffer, ByteBuffer).self) {
                let (spaces, times, states) = (try Self.strings(spaces), try Self.dates(times), try Self.strings(states))
                return spaces.indices.map { SpaceStateAt(space: spaces[$0], at: times[$0], state: states[$0]) }
            }
            return []
        }
    }

    package func vehicleSummary(matching filter: PhotoFilter) async throws -> VehicleSummary {
        try await answered(migrating: false) {
            var counted = filter
            counted.status = .ok
            let (conditions, values) = try Self.conditions(counted)
            let sql = "SELECT count(*), avg(vehicles)::float8, min(vehicles), max(vehicles) FROM photo WHERE \(conditions)"
            for try await (photos, average, least, most) in try await query(sql, values).decode((Int, Double?, Int?, Int?).self) {
                return VehicleSummary(photos: photos, averageVehicles: average, minVehicles: least, maxVehicles: most)
            }
            return VehicleSummary(photos: 0, averageVehicles: nil)
        }
    }

    /// Stored photos of every site (or of `filter`'s camera), oldest capture first.
    package func photos(matching filter: PhotoFilter) async throws -> [CentralPhoto] {
        let (conditions, values) = try Self.conditions(filter)
        var photos: [CentralPhoto] = []
        let rows = try await query("SELECT \(Self.photoColumns) FROM photo WHERE \(conditions) ORDER BY captured_at, site, id", values)
        for try await row in rows {
            photos.append(try Self.photo(row))
        }
        return photos
    }

    /// The columns `photo(_:)` decodes, in its order.
    static let photoColumns = """
        site, id, camera, file, sha256, size_bytes, status, error, vehicles, width, height,
        captured_at, capture_source, received_at, archived_path, duplicate_of, detect_ms
        """

    static func photo(_ row: PostgresRow) throws -> CentralPhoto {
        let all = try row.decode(
            (String, Int64, String, String, String?, Int?, String, String?, Int?, Int?, Int?, Date, String, Date, String, Int64?, Double?).self)
        return CentralPhoto(site: all.0, photo: PhotoRecord(
            id: all.1, camera: all.2, file: all.3, sourcePath: "", sha256: all.4, sizeBytes: all.5,
            status: PhotoRecord.Status(rawValue: all.6) ?? .rejected, error: all.7, vehicles: all.8, width: all.9, height: all.10,
            capturedAt: all.11, captureSource: all.12, receivedAt: all.13, archivedPath: all.14, filed: true,
            duplicateOf: all.15, detectMs: all.16))
    }

    /// `filter` as a WHERE clause over `photo` and its values.
    static func conditions(_ filter: PhotoFilter) throws -> (String, PostgresBindings) {
        var clause = WhereClause()
        if let camera = filter.camera {
            let (site, name) = try CentralCamera.parts(camera)
            try clause.add("site = ?", site)
            try clause.add("camera = ?", name)
        }
        if let from = filter.from { try clause.add("captured_at >= ?", from) }
        if let to = filter.to { try clause.add("captured_at < ?", to) }
        if let status = filter.status { try clause.add("status = ?", status.rawValue) }
        return (clause.sql, clause.values)
    }

    static func dates(_ array: ByteBuffer) throws(CentralError) -> [Date] {
        var array = try BinaryArray(array)
        return try array.dates()
    }

    static func integers(_ array: ByteBuffer) throws(CentralError) -> [Int] {
        var array = try BinaryArray(array)
        return try array.integers()
    }

    static func strings(_ array: ByteBuffer) throws(CentralError) -> [String] {
        var array = try BinaryArray(array)
        return try array.strings()
    }

    func binds(_ values: any PostgresEncodable...) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        return bindings
    }
}

/// Conditions joined by AND, each `?` numbered as the value it binds (`$1`, `$2`, …).
struct WhereClause {
    private var conditions = ["TRUE"]
    private(set) var values = PostgresBindings()

    mutating func add(_ condition: String) {
        conditions.append(condition)
    }

    mutating func add(_ condition: String, _ value: some PostgresEncodable & Sendable) throws {
        try values.append(value)
        conditions.append(condition.replacingOccurrences(of: "?", with: "$\(values.count)"))
    }

    var sql: String { conditions.joined(separator: " AND ") }
}
