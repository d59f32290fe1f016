import Foundation

/// What the live pages read besides the report: the lots the source itself records, and each
/// camera's newest state (its layout's spaces, their confirmed states, its newest counted photo,
/// its connection health). A node's SQLite file answers for its own cameras; the central database
/// for every site's, where a camera is `<site>/<camera>`.
package protocol StatusSource: ReportSource {
    /// Lots the source records with their cameras, beyond what the configuration says.
    func recordedLots() async throws -> [String: [String]]
    /// The space ids of the layout a camera used last, in layout order; nil if it never had one.
    func latestLayoutSpaceIDs(camera: String) async throws -> [String]?
    /// The confirmed state of `spaces` (the camera's spaces as the caller knows them), by space id.
    func spaceTracks(camera: String, spaces: [String]) async throws -> [String: SpaceTrackRecord]
    /// The newest counted photo of a camera (by capture time).
    func latestCountedPhoto(camera: String) async throws -> PhotoRecord?
    func cameraHealth(camera: String) async throws -> CameraHealthRecord?
}

extension ParkWatchDatabase: StatusSource {
    /// A node's lots live in its configuration only.
    package func recordedLots() async throws -> [String: [String]] { [:] }

    /// One keyed read gives every space's track; the caller looks up the ones it shows.
    package func spaceTracks(camera: String, spaces: [String]) async throws -> [String: SpaceTrackRecord] {
        try await spaceTracks(camera: camera)
    }
}
