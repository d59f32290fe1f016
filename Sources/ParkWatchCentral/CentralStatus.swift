import Foundation
import ParkWatchStore
import PostgresNIO

/// The live pages' reads across every site, for `serve --central`. The central database keeps
/// each site's space changes, not its running anti-flicker state: a space's confirmed state is
/// its newest change, with the confidence it changed at. Each read answers within
/// `requestTimeout` or is `unreachable` (a 503 at the web edge), as bookings do.
extension CentralDatabase: StatusSource {
    /// Every lot a site registered, with its cameras from every site (a camera no site configured
    /// is a lot of its own name, so one camera name across sites is one lot).
    package func recordedLots() async throws -> [String: [String]] {
        try await answered {
            var lots: [String: [String]] = [:]
            let rows = try await query("SELECT site, camera, lot FROM site_camera WHERE lot IS NOT NULL ORDER BY site, camera")
            for try await (site, camera, lot) in rows.decode((String, String, String).self) {
                lots[lot, default: []].append(CentralCamera.id(site: site, camera: camera))
            }
            return lots
        }
    }

    package func latestLayoutSpaceIDs(camera: String) async throws -> [String]? {
        try await answered {
            let (site, name) = try CentralCamera.parts(camera)
            let sql = "SELECT space_ids FROM layout WHERE site = $1 AND camera = $2 ORDER BY id DESC LIMIT 1"
            for try await encoded in try await query(sql, binds(site, name)).decode(String.self) {
                return try? JSONDecoder().decode([String].self, from: Data(encoded.utf8))
            }
            return nil
        }
    }

    /// One index step per space (`space_change_by_space`), not a walk over a year of changes.
    package func spaceTracks(camera: String, spaces: [String]) async throws -> [String: SpaceTrackRecord] {
        try await answered {
            let (site, name) = try CentralCamera.parts(camera)
            guard !spaces.isEmpty else { return [:] }
            let rows = try await query("""
                SELECT s.space, c.state, c.confidence, c.at FROM unnest($3::text[]) AS s(space)
                CROSS JOIN LATERAL (SELECT state, confidence, at FROM space_change
                                    WHERE site = $1 AND camera = $2 AND space = s.space ORDER BY at DESC, id DESC LIMIT 1) c
                """, binds(site, name, spaces))
            var tracks: [String: SpaceTrackRecord] = [:]
            for try await (space, state, confidence, at) in rows.decode((String, String, Double, Date).self) {
                tracks[space] = SpaceTrackRecord(camera: camera, space: space, state: state, confidence: confidence, updatedAt: at)
            }
            return tracks
        }
    }

    package func latestCountedPhoto(camera: String) async throws -> PhotoRecord? {
        try await answered {
            let (site, name) = try CentralCamera.parts(camera)
            let rows = try await query("""
                SELECT \(Self.photoColumns) FROM photo WHERE site = $1 AND camera = $2 AND status = 'ok'
                ORDER BY captured_at DESC, id DESC LIMIT 1
                """, binds(site, name))
            for try await row in rows { return try Self.photo(row).photo }
            return nil
        }
    }

    package func cameraHealth(camera: String) async throws -> CameraHealthRecord? {
        try await answered {
            let (site, name) = try CentralCamera.parts(camera)
            let rows = try await query("""
                SELECT source, state, online_since, offline_since, last_frame_at, last_error, reconnects, updated_at
                FROM camera_health WHERE site = $1 AND camera = $2
                """, binds(site, name))
            for try await (source, state, online, offline, lastFrame, error, reconnects, updated) in rows.decode(
                (String, String, Date?, Date?, Date?, String?, Int, Date).self) {
                return CameraHealthRecord(
                    camera: camera, source: source, state: CameraHealthRecord.State(rawValue: state) ?? .offline, onlineSince: online,
                    offlineSince: offline, lastFrameAt: lastFrame, lastError: error, reconnects: reconnects, updatedAt: updated)
            }
            return nil
        }
    }
}
