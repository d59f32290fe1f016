import Foundation
import ParkWatchStore

/// Home Assistant's MQTT discovery: one device per lot, a binary sensor (device class occupancy)
/// per space, and sensors for the lot's free spaces and occupancy. Configs are retained under
/// `homeassistant/`, so Home Assistant finds them whenever it starts.
extension MQTTMessages {
    func lotDiscovery(_ lot: String, spaces: [String], gone: [String]) -> [BrokerMessage] {
        let device: [String: any Sendable] = [
            "identifiers": ["parkwatch_\(Self.objectID(lot))"], "name": "Parking \(lot)", "manufacturer": "ParkWatch", "model": "ParkWatch lot",
        ]
        let available: [String: any Sendable] = ["availability_topic": availabilityTopic]
        var messages = spaces.map { space in
            config("binary_sensor", lot: lot, object: space, fields: available.merging([
                "name": "Space \(space)", "device_class": "occupancy", "state_topic": "\(prefix)/\(lot)/\(space)/state",
                // Unknown reads as unknown, not as free.
                "value_template": "{{ 'ON' if value == 'occupied' else ('OFF' if value == 'free' else 'None') }}",
                "payload_on": "ON", "payload_off": "OFF", "device": device,
            ]) { $1 })
        }
        messages += gone.map { BrokerMessage(topic: configTopic("binary_sensor", lot: lot, object: $0), payload: "") }
        let state = "\(prefix)/\(lot)/state"
        messages.append(config("sensor", lot: lot, object: "free", fields: available.merging([
            "name": "Free spaces", "state_topic": state, "value_template": "{{ value_json.free }}",
            "unit_of_measurement": "spaces", "state_class": "measurement", "device": device,
        ]) { $1 }))
        messages.append(config("sensor", lot: lot, object: "occupancy", fields: available.merging([
            "name": "Occupancy", "state_topic": state, "value_template": "{{ (value_json.occupancy_rate * 100) | round(1) }}",
            "unit_of_measurement": "%", "state_class": "measurement", "device": device,
        ]) { $1 }))
        return messages
    }

    private func config(_ component: String, lot: String, object: String, fields: [String: any Sendable]) -> BrokerMessage {
        var all = fields
        all["unique_id"] = "parkwatch_\(Self.objectID(lot))_\(Self.objectID(object))"
        return BrokerMessage(topic: configTopic(component, lot: lot, object: object), payload: SortedJSON.string(all))
    }

    func configTopic(_ component: String, lot: String, object: String) -> String {
        "homeassistant/\(component)/parkwatch_\(Self.objectID(lot))/\(Self.objectID(object))/config"
    }

    /// Home Assistant's ids take letters, digits, `_` and `-`; ours may also hold dots.
    static func objectID(_ id: String) -> String {
        String(id.map { $0 == "." ? "_" : $0 })
    }
}
