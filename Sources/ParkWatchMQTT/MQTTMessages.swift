import Foundation
import ParkWatchConfig
import ParkWatchStore

/// What the store says now, camera by camera: the input of `MQTTMessages`.
package struct MQTTSnapshot: Sendable {
    package struct Camera: Sendable {
        package var id: String
        package var lot: String
        /// The newest reading of its layout's spaces; nil for a camera without a layout.
        package var reading: SpaceReadingRecord?
        /// The spaces of the layout it used last, in layout order.
        package var spaces: [String]
        /// Each space's confirmed state (anti-flicker), including spaces that left the layout.
        package var confirmed: [String: String]
        package var health: CameraHealthRecord?

        package init(
            id: String, lot: String, reading: SpaceReadingRecord?, spaces: [String], confirmed: [String: String], health: CameraHealthRecord?
        ) {
            self.id = id
            self.lot = lot
            self.reading = reading
            self.spaces = spaces
            self.confirmed = confirmed
            self.health = health
        }
    }

    package var cameras: [Camera]

    package init(cameras: [Camera]) {
        self.cameras = cameras
    }
}

/// The retained messages that describe a snapshot: every topic's payload, in the order to send
/// them (Home Assistant's configs before the states they read). An empty payload removes a
/// retained message: a space that left its layout disappears from subscribers and from Home
/// Assistant. Pure, so the publisher only has to send what differs from what it sent.
package struct MQTTMessages: Sendable {
    package let prefix: String
    package let discovery: Bool

    package init(prefix: String, discovery: Bool) {
        self.prefix = prefix
        self.discovery = discovery
    }

    package var availabilityTopic: String { "\(prefix)/status" }

    package func messages(for snapshot: MQTTSnapshot) -> [BrokerMessage] {
        var messages = [BrokerMessage(topic: availabilityTopic, payload: "online")]
        let lots = Dictionary(grouping: snapshot.cameras, by: \.lot).sorted { $0.key < $1.key }
        for (lot, cameras) in lots {
            let current = cameras.flatMap(\.spaces)
            let gone = Set(cameras.flatMap(\.confirmed.keys)).subtracting(current).sorted()
            if discovery { messages += lotDiscovery(lot, spaces: current, gone: gone) }
            if let state = lotState(cameras) { messages.append(BrokerMessage(topic: "\(prefix)/\(lot)/state", payload: state)) }
            for camera in cameras {
                messages += camera.spaces.map {
                    BrokerMessage(topic: "\(prefix)/\(lot)/\($0)/state", payload: camera.confirmed[$0] ?? "unknown")
                }
            }
            messages += gone.map { BrokerMessage(topic: "\(prefix)/\(lot)/\($0)/state", payload: "") }
        }
        messages += snapshot.cameras.sorted { $0.id < $1.id }.map {
            BrokerMessage(topic: "\(prefix)/\($0.id)/health", payload: health($0.health))
        }
        return messages
    }

    /// `{"free","occupied","unknown","total","occupancy_rate","updated_at"}` over the lot's cameras.
    func lotState(_ cameras: [MQTTSnapshot.Camera]) -> String? {
        let readings = cameras.compactMap(\.reading)
        guard let newest = readings.map(\.capturedAt).max() else { return nil }
        let (occupied, free) = (readings.map(\.occupied).reduce(0, +), readings.map(\.free).reduce(0, +))
        return SortedJSON.string([
            "free": free, "occupied": occupied, "unknown": readings.map(\.unknown).reduce(0, +),
            "total": readings.map(\.total).reduce(0, +),
            "occupancy_rate": occupied + free == 0 ? 0 : (Double(occupied) / Double(occupied + free) * 10_000).rounded() / 10_000,
            "updated_at": ISOTime.format(newest),
        ])
    }

    /// `online` or `offline` with since when and why, for a stream; `upload` for a camera that sends photos.
    func health(_ record: CameraHealthRecord?) -> String {
        guard let record else { return SortedJSON.string(["state": "upload"]) }
        var fields: [String: any Sendable] = ["state": record.state.rawValue]
        if let since = record.state == .online ? record.onlineSince : record.offlineSince { fields["since"] = ISOTime.format(since) }
        if record.state == .offline, let error = record.lastError { fields["last_error"] = error }
        return SortedJSON.string(fields)
    }
}
