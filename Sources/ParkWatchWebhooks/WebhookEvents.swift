import Foundation
import ParkWatchConfig
import ParkWatchStore

/// What a stored reading tells the webhooks: a `space_changed` per confirmed change, and
/// `lot_full` / `lot_available` when the lot's occupancy crosses a receiver's thresholds. Pure:
/// the recorder calls it inside the reading's transaction, with the states that transaction read.
package struct WebhookEvents: Sendable {
    package let targets: [WebhookConfig]
    /// Each configured camera's lot; a camera not named is a lot of its own.
    let lots: [String: String]
    /// A fresh event id; UUIDs in the service, counters in tests.
    let newID: @Sendable () -> String

    package init(
        targets: [WebhookConfig], lots: [String: String] = [:], newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.targets = targets
        self.lots = lots
        self.newID = newID
    }

    package func lot(of camera: String) -> String { lots[camera] ?? camera }

    /// The other cameras watching `camera`'s lot, whose latest readings make up the rest of it.
    package func lotNeighbours(of camera: String) -> [String] {
        let lot = lot(of: camera)
        return lots.filter { $0.value == lot && $0.key != camera }.map(\.key).sorted()
    }

    /// One camera's reading of its lot, beside the latest readings of the lot's other cameras.
    package struct Reading: Sendable {
        package var camera: String
        package var lot: String
        package var reading: SpaceReadingRecord
        package var neighbours: [SpaceReadingRecord]
        package var changes: [SpaceChangeRecord]
        /// The confirmed states before this reading, by space.
        package var before: [String: String]

        package init(
            camera: String, lot: String, reading: SpaceReadingRecord, neighbours: [SpaceReadingRecord] = [],
            changes: [SpaceChangeRecord], before: [String: String]
        ) {
            self.camera = camera
            self.lot = lot
            self.reading = reading
            self.neighbours = neighbours
            self.changes = changes
            self.before = before
        }

        /// The whole lot's spaces: this reading and the other cameras' latest.
        var lotFigures: (occupied: Int, free: Int, unknown: Int, total: Int) {
            ([reading] + neighbours).reduce((0, 0, 0, 0)) { sum, next in
                (sum.0 + next.occupied, sum.1 + next.free, sum.2 + next.unknown, sum.3 + next.total)
            }
        }
    }

    /// The events for every receiver that asked for them, and the lot states that moved.
    package func events(
        for reading: Reading, lotStates: [WebhookLotStateRecord], now: Date
    ) -> (events: [WebhookOutboxRecord], lotStates: [WebhookLotStateRecord]) {
        var events: [WebhookOutboxRecord] = []
        var moved: [WebhookLotStateRecord] = []
        for target in targets {
            if target.events.contains("space_changed") {
                events += reading.changes.map { spaceChanged($0, reading: reading, target: target, now: now) }
            }
            let wasFull = lotStates.first { $0.target == target.url && $0.lot == reading.lot }?.full ?? false
            if let full = Self.lotFull(reading.lotFigures, wasFull: wasFull, target: target), full != wasFull {
                moved.append(WebhookLotStateRecord(target: target.url, lot: reading.lot, full: full))
                let event = full ? "lot_full" : "lot_available"
                if target.events.contains(event) { events.append(lotEvent(event, reading: reading, target: target, now: now)) }
            }
        }
        return (events, moved)
    }

    /// Whether the lot is full now, with the receiver's hysteresis; nil when no space is known.
    static func lotFull(_ lot: (occupied: Int, free: Int, unknown: Int, total: Int), wasFull: Bool, target: WebhookConfig) -> Bool? {
        let known = lot.occupied + lot.free
        guard known > 0 else { return nil }
        let share = Double(lot.occupied) / Double(known)
        return wasFull ? share > target.availableAt : share >= target.fullAt
    }

    private func spaceChanged(_ change: SpaceChangeRecord, reading: Reading, target: WebhookConfig, now: Date) -> WebhookOutboxRecord {
        record("space_changed", target: target, now: now, fields: [
            "camera": reading.camera, "lot": reading.lot, "space": change.space, "at": ISOTime.format(change.at),
            "state": change.state, "previous": reading.before[change.space] ?? "unknown",
            "confidence": (change.confidence * 10_000).rounded() / 10_000,
        ])
    }

    private func lotEvent(_ event: String, reading: Reading, target: WebhookConfig, now: Date) -> WebhookOutboxRecord {
        let figures = reading.lotFigures
        let known = figures.occupied + figures.free
        return record(event, target: target, now: now, fields: [
            "camera": reading.camera, "lot": reading.lot, "at": ISOTime.format(reading.reading.capturedAt),
            "occupied": figures.occupied, "free": figures.free, "unknown": figures.unknown, "total": figures.total,
            "occupancy_rate": (Double(figures.occupied) / Double(max(known, 1)) * 10_000).rounded() / 10_000,
        ])
    }

    /// Events not caused by a reading: a photo refused, a camera going dark or coming back.
    package func events(_ event: String, fields: [String: any Sendable], now: Date) -> [WebhookOutboxRecord] {
        targets.filter { $0.events.contains(event) }.map { record(event, target: $0, now: now, fields: fields) }
    }

    private func record(_ event: String, target: WebhookConfig, now: Date, fields: [String: any Sendable]) -> WebhookOutboxRecord {
        let id = newID()
        var payload = fields
        payload["id"] = id
        payload["event"] = event
        return WebhookOutboxRecord(eventId: id, target: target.url, event: event, body: SortedJSON.string(payload), createdAt: now)
    }
}
