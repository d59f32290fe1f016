import Foundation
import ParkWatchStore

/// `GET /api/lots/{id}/status`, and what the pages show of a lot. Keys are snake_case in JSON.
///
/// `occupied + free + unknown = total` count what the cameras see. `free_spaces` are the spaces
/// a driver can take now: free and not reserved (`available` is their number).
struct LotStatus: Encodable, Sendable, Equatable {
    var lot: String
    /// Capture time of the lot's newest counted photo.
    @Nullable var updatedAt: Date?
    var stale: Bool
    var total: Int
    var occupied: Int
    var free: Int
    var unknown: Int
    var reserved: Int
    var available: Int
    var freeSpaces: [String]
    var spaces: [SpaceStatus]
    var cameras: [CameraStatus]
}

struct SpaceStatus: Encodable, Sendable, Equatable {
    var id: String
    var camera: String
    /// `occupied`, `free` or `unknown`: the confirmed state.
    var state: String
    @Nullable var confidence: Double?
    /// A booking covers now.
    var reserved: Bool
    @Nullable var booking: BookingJSON?
    @Nullable var nextBooking: BookingJSON?
    /// `occupied_without_booking`: a vehicle stands in a space whose booking ended or starts
    /// within the hold margin, while no booking covers now.
    @Nullable var flag: String?

    static let occupiedWithoutBooking = "occupied_without_booking"
}

struct CameraStatus: Encodable, Sendable, Equatable {
    var id: String
    @Nullable var updatedAt: Date?
    @Nullable var photoId: Int64?
    @Nullable var vehicles: Int?
    /// The newest overlay (or photo, for a camera without a layout) as the app serves it.
    @Nullable var image: String?
    /// Connection state of a streaming camera; null for a camera that uploads photos.
    @Nullable var health: CameraHealthJSON?
    /// For a camera whose layout has a reference photo, from its newest photo: `in_place`,
    /// `moved` (its spaces follow) or `lost` (its spaces read unknown); null without a reference.
    @Nullable var view: String?
    @Nullable var viewShiftPx: Double?
}

/// `online` or `offline`, since when, the newest analysed frame and the last error.
struct CameraHealthJSON: Encodable, Sendable, Equatable {
    var state: String
    @Nullable var onlineSince: Date?
    @Nullable var offlineSince: Date?
    @Nullable var lastFrameAt: Date?
    @Nullable var lastError: String?
    var reconnects: Int

    init(_ record: CameraHealthRecord) {
        state = record.state.rawValue
        onlineSince = record.onlineSince
        offlineSince = record.offlineSince
        lastFrameAt = record.lastFrameAt
        lastError = record.lastError
        reconnects = record.reconnects
    }
}

/// The newest things the store knows about one camera of a lot.
struct CameraSnapshot: Sendable {
    var camera: LotCamera
    var tracks: [String: SpaceTrackRecord]
    var latestPhoto: PhotoRecord?
    var health: CameraHealthRecord? = nil
}

/// Pure: the status of a lot from what the store holds, at `now`.
struct LotStatusBuilder {
    var staleAfter: TimeInterval
    var holdMargin: TimeInterval
    /// Whether the app serves the cameras' pictures (a node does; the central database has none).
    var linksImages = true

    func build(lot: LotDefinition, snapshots: [CameraSnapshot], bookings: [BookingRecord], now: Date) -> LotStatus {
        let spaces = spaceStatuses(lot: lot, snapshots: snapshots, bookings: bookings, now: now)
        let capacities = snapshots.filter { $0.camera.spaceIDs.isEmpty }.compactMap(capacityCounts)
        let count = { (state: String) in spaces.filter { $0.state == state }.count }
        let freeSpaces = spaces.filter { $0.state == "free" && !$0.reserved }.map(\.id)
        let updatedAt = snapshots.compactMap { $0.latestPhoto?.capturedAt }.max()
        return LotStatus(
            lot: lot.id, updatedAt: updatedAt, stale: updatedAt.map { now.timeIntervalSince($0) > staleAfter } ?? true,
            total: spaces.count + capacities.map(\.total).reduce(0, +),
            occupied: count("occupied") + capacities.map(\.occupied).reduce(0, +),
            free: count("free") + capacities.map(\.free).reduce(0, +),
            unknown: count("unknown") + capacities.map(\.unknown).reduce(0, +),
            reserved: spaces.filter(\.reserved).count, available: freeSpaces.count + capacities.map(\.free).reduce(0, +),
            freeSpaces: freeSpaces, spaces: spaces, cameras: snapshots.map(cameraStatus))
    }

    private func spaceStatuses(lot: LotDefinition, snapshots: [CameraSnapshot], bookings: [BookingRecord], now: Date) -> [SpaceStatus] {
        let byCamera = Dictionary(snapshots.map { ($0.camera.id, $0) }, uniquingKeysWith: { first, _ in first })
        let bySpace = Dictionary(grouping: bookings.filter { $0.cancelledAt == nil }, by: \.space)
        return lot.spaceIDs.map { space in
            let camera = lot.camera(ofSpace: space) ?? ""
            let track = byCamera[camera]?.tracks[space]
            return spaceStatus(space, camera: camera, track: track, bookings: bySpace[space] ?? [], now: now)
        }
    }

    private func spaceStatus(_ space: String, camera: String, track: SpaceTrackRecord?, bookings: [BookingRecord], now: Date) -> SpaceStatus {
        let state = track?.state ?? "unknown"
        let current = bookings.first { $0.covers(now) }
        let next = bookings.filter { $0.startsAt > now }.min { $0.startsAt < $1.startsAt }
        let nearby = bookings.contains { $0.endsAt > now - holdMargin && $0.startsAt < now + holdMargin }
        let flagged = state == "occupied" && current == nil && nearby
        return SpaceStatus(
            id: space, camera: camera, state: state, confidence: track.map { ($0.confidence * 1000).rounded() / 1000 },
            reserved: current != nil, booking: current.map(BookingJSON.init), nextBooking: next.map(BookingJSON.init),
            flag: flagged ? SpaceStatus.occupiedWithoutBooking : nil)
    }

    /// A camera without a layout: its newest vehicle count against its configured capacity.
    private func capacityCounts(_ snapshot: CameraSnapshot) -> (total: Int, occupied: Int, free: Int, unknown: Int)? {
        guard let capacity = snapshot.camera.capacity else { return nil }
        guard let vehicles = snapshot.latestPhoto?.vehicles else { return (capacity, 0, 0, capacity) }
        let occupied = min(vehicles, capacity)
        return (capacity, occupied, capacity - occupied, 0)
    }

    private func cameraStatus(_ snapshot: CameraSnapshot) -> CameraStatus {
        let photo = snapshot.latestPhoto
        return CameraStatus(
            id: snapshot.camera.id, updatedAt: photo?.capturedAt, photoId: photo?.id, vehicles: photo?.vehicles,
            // A stream sample keeps no picture unless it was archived as a key frame.
            image: photo.flatMap { !linksImages || $0.archivedPath.isEmpty ? nil : $0.id }.map { "/images/\($0)" },
            health: snapshot.health.map(CameraHealthJSON.init),
            view: photo?.viewState, viewShiftPx: photo?.viewShiftShown)
    }
}

