import ParkWatchArchive
import ArgumentParser
import Foundation
import ParkWatchInbox
import ParkWatchStore

/// `parkwatch status`: each camera's connection health (streams) and newest reading, then the
/// files the inbox does not take: ignored past the limit, or in a refused camera folder.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show each camera's stream health and newest reading.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The inbox folder the watcher reads.")
    var inbox = "inbox"

    @Option(help: "Seconds a hidden or temporary file may stay in the inbox before it is listed.")
    var ignoredAfter: Double = IgnoredFiles.defaultLimit

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
        let store = try database.openExisting()
        let health = Dictionary(try await store.cameraHealth().map { ($0.camera, $0) }, uniquingKeysWith: { $1 })
        let cameras = Set(try await store.cameras()).union(health.keys).sorted()
        var rows: [StatusRow] = []
        for camera in cameras {
            rows.append(StatusRow(
                camera: camera, health: health[camera], reading: try await store.latestSpaceReading(camera: camera),
                photo: try await store.latestCountedPhoto(camera: camera)))
        }
        rows += IgnoredFiles.scan(URL(fileURLWithPath: inbox), olderThan: ignoredAfter).map(StatusRow.init(ignored:))
        rows += try await store.forwardBacklogs().map(StatusRow.init(central:))
        if json { return try JSONOutput.print(rows) }
        print(rows.isEmpty ? "no cameras yet" : rows.map(\.line).joined(separator: "\n"))
    }
}

/// One object of `status --json`. Times are UTC ISO 8601; `state` is `online`, `offline`, or
/// `upload` for a camera that only sends photos; `ignored` or `refused` for a file the inbox does
/// not take; `central` (no camera) for a central database this node forwards to.
struct StatusRow: Encodable {
    var camera: String?
    var state: String
    var source: String?
    var onlineSince: String?
    var offlineSince: String?
    var lastFrameAt: String?
    var lastError: String?
    var reconnects: Int?
    var lastReadingAt: String?
    var vehicles: Int?
    var free: Int?
    var total: Int?
    /// For a camera whose layout has a reference photo, from its newest photo: `in_place`, `moved`
    /// (10 px or more; its spaces follow) or `lost` (the reference not found: spaces unknown).
    var view: String?
    var viewShiftPx: Double?
    /// For a file the inbox does not take: its path in the inbox and why.
    var file: String?
    var reason: String?
    /// For the central database: its address and this node's site, and what waits to go there.
    var central: String?
    var backlogPhotos: Int?
    var oldestWaitingSince: String?
    var lastForwardedAt: String?

    enum CodingKeys: String, CodingKey {
        case camera, state, source, reconnects, vehicles, free, total, file, reason, central, view
        case viewShiftPx = "view_shift_px"
        case backlogPhotos = "backlog_photos", oldestWaitingSince = "oldest_waiting_since", lastForwardedAt = "last_forwarded_at"
        case onlineSince = "online_since", offlineSince = "offline_since", lastFrameAt = "last_frame_at"
        case lastError = "last_error", lastReadingAt = "last_reading_at"
    }

    init(camera: String, health: CameraHealthRecord?, reading: SpaceReadingRecord?, photo: PhotoRecord?) {
        self.camera = camera
        state = health?.state.rawValue ?? "upload"
        source = health?.source
        onlineSince = health?.onlineSince.map(ISOTime.format)
        offlineSince = health?.offlineSince.map(ISOTime.format)
        lastFrameAt = health?.lastFrameAt.map(ISOTime.format)
        lastError = health?.lastError
        reconnects = health?.reconnects
        lastReadingAt = photo.map { ISOTime.format($0.capturedAt) }
        vehicles = photo?.vehicles
        free = reading?.free
        total = reading?.total
        view = photo?.viewState
        viewShiftPx = photo?.viewShiftShown
    }


    /// `state` is `ignored`, or `refused` for a file in a camera folder refused for its id.
    init(ignored: IgnoredFile) {
        let folder = ignored.path.split(separator: "/").dropLast().first.map(String.init)
        camera = folder.map(CameraID.sanitize) ?? CameraID.fallback
        state = ignored.refused ? "refused" : "ignored"
        file = ignored.path
        reason = ignored.reason
    }

    init(central backlog: ForwardBacklog) {
        state = "central"
        central = backlog.target
        backlogPhotos = backlog.photos
        oldestWaitingSince = backlog.oldestReceivedAt.map(ISOTime.format)
        lastForwardedAt = backlog.lastForwardedAt.map(ISOTime.format)
    }

    var line: String {
        if let file, let reason { return [state, file, reason].joined(separator: "  ") }
        if let central, let backlogPhotos {
            let waiting = backlogPhotos == 0 ? "all forwarded" : "\(backlogPhotos) photos waiting since \(oldestWaitingSince ?? "?")"
            return [state, central, waiting, "last forwarded \(lastForwardedAt ?? "never")"].joined(separator: "  ")
        }
        var parts = [camera ?? "", state]
        if let onlineSince, state == "online" { parts.append("since \(onlineSince)") }
        if let offlineSince { parts.append("since \(offlineSince)") }
        if let lastFrameAt { parts.append("last frame \(lastFrameAt)") }
        if let lastReadingAt { parts.append("last reading \(lastReadingAt)") }
        if let free, let total { parts.append("free \(free)/\(total)") }
        if let vehicles { parts.append("vehicles \(vehicles)") }
        if let view { parts.append("view \(view.replacingOccurrences(of: "_", with: " "))" + (viewShiftPx.map { " \($0) px" } ?? "")) }
        if let lastError, state == "offline" { parts.append("error: \(lastError)") }
        return parts.joined(separator: "  ")
    }
}
