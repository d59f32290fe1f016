import Foundation
import ParkWatchMQTT
import ParkWatchStore
import Testing

/// The retained topics a snapshot of the store becomes.
@Suite struct MQTTMessagesTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    func camera(_ id: String, lot: String, spaces: [String], confirmed: [String: String], occupied: Int, free: Int) -> MQTTSnapshot.Camera {
        let reading = SpaceReadingRecord(
            camera: id, capturedAt: at, total: spaces.count, occupied: occupied, free: free, unknown: spaces.count - occupied - free,
            freeSpaces: "[]", rawStates: "", rawConfidence: Data())
        return MQTTSnapshot.Camera(id: id, lot: lot, reading: reading, spaces: spaces, confirmed: confirmed, health: nil)
    }

    @Test func aLotsStateSumsItsCamerasAndEachSpaceSaysItsConfirmedState() {
        let snapshot = MQTTSnapshot(cameras: [
            camera("east", lot: "north", spaces: ["1", "2"], confirmed: ["1": "occupied", "2": "free"], occupied: 1, free: 1),
            camera("west", lot: "north", spaces: ["3", "4"], confirmed: ["3": "occupied"], occupied: 1, free: 0),
        ])
        let topics = MQTTSnapshotTopics(MQTTMessages(prefix: "pw", discovery: false).messages(for: snapshot))
        #expect(topics.names == [
            "pw/status", "pw/north/state", "pw/north/1/state", "pw/north/2/state", "pw/north/3/state", "pw/north/4/state",
            "pw/east/health", "pw/west/health",
        ])
        #expect(topics["pw/north/state"]
            == #"{"free":1,"occupancy_rate":0.6667,"occupied":2,"total":4,"unknown":1,"updated_at":"2027-01-15T08:00:00Z"}"#)
        #expect(topics["pw/north/3/state"] == "occupied" && topics["pw/north/4/state"] == "unknown")
        #expect(topics["pw/status"] == "online" && topics["pw/east/health"] == #"{"state":"upload"}"#)
    }

    @Test func homeAssistantGetsADevicePerLotASensorPerSpaceAndLosesSpacesThatLeft() throws {
        // Space 9 has a confirmed state but is no longer in the layout.
        let snapshot = MQTTSnapshot(cameras: [
            camera("cam.1", lot: "north", spaces: ["1"], confirmed: ["1": "free", "9": "occupied"], occupied: 0, free: 1),
        ])
        let topics = MQTTSnapshotTopics(MQTTMessages(prefix: "pw", discovery: true).messages(for: snapshot))
        let space = try #require(topics["homeassistant/binary_sensor/parkwatch_north/1/config"])
        let config = try #require(try JSONSerialization.jsonObject(with: Data(space.utf8)) as? [String: Any])
        #expect(config["device_class"] as? String == "occupancy" && config["state_topic"] as? String == "pw/north/1/state")
        #expect(config["availability_topic"] as? String == "pw/status" && config["unique_id"] as? String == "parkwatch_north_1")
        #expect((config["device"] as? [String: Any])?["identifiers"] as? [String] == ["parkwatch_north"])
        #expect(topics["homeassistant/sensor/parkwatch_north/free/config"]?.contains(#""value_template":"{{ value_json.free }}""#) == true)
        #expect(topics["homeassistant/sensor/parkwatch_north/occupancy/config"] != nil)
        #expect(topics["homeassistant/binary_sensor/parkwatch_north/9/config"] == "" && topics["pw/north/9/state"] == "")
        // Configs come before the states they describe.
        #expect(topics.names.firstIndex(of: "homeassistant/binary_sensor/parkwatch_north/1/config")!
            < topics.names.firstIndex(of: "pw/north/1/state")!)
    }

    @Test func aStreamCamerasHealthSaysSinceWhenAndWhy() {
        var dark = camera("gate", lot: "gate", spaces: [], confirmed: [:], occupied: 0, free: 0)
        dark.reading = nil
        dark.health = CameraHealthRecord(
            camera: "gate", source: "rtsp://gate", state: .offline, offlineSince: at, lastError: "connection refused", updatedAt: at)
        let topics = MQTTSnapshotTopics(MQTTMessages(prefix: "pw", discovery: false).messages(for: MQTTSnapshot(cameras: [dark])))
        #expect(topics["pw/gate/health"] == #"{"last_error":"connection refused","since":"2027-01-15T08:00:00Z","state":"offline"}"#)
        #expect(topics["pw/gate/state"] == nil, "a camera without a reading has no lot state")
    }
}

/// Messages by topic, keeping the order they are sent in.
struct MQTTSnapshotTopics {
    let names: [String]
    private let payloads: [String: String]

    init(_ messages: [BrokerMessage]) {
        names = messages.map(\.topic)
        payloads = Dictionary(messages.map { ($0.topic, $0.payload) }, uniquingKeysWith: { $1 })
        precondition(messages.allSatisfy(\.retain))
    }

    subscript(topic: String) -> String? { payloads[topic] }
}
