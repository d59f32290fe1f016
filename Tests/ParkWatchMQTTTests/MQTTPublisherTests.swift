import Foundation
import Logging
import ParkWatchConfig
import ParkWatchMQTT
import ParkWatchStore
import ParkWatchTestSupport
import ServiceLifecycle
import Testing

/// The publisher against Debian's Mosquitto broker, started by the test, over a real SQLite file.
@Suite struct MQTTPublisherTests {
    let folder: TemporaryFolder
    let store: ParkWatchDatabase
    /// Topics of one lot of two spaces with discovery off: status, lot state, 2 spaces, health.
    let topicCount = 5

    init() throws {
        folder = try TemporaryFolder("mqtt")
        store = try ParkWatchDatabase(path: folder.path("db.sqlite").path)
    }

    /// A reading of camera `cam1` whose confirmed states are `states` (spaces A and B).
    func record(_ index: Int, states: [String: String]) async throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000 + Double(index) * 60)
        let photo = PhotoRecord(
            camera: "cam1", file: "p\(index).jpg", sourcePath: "/in/p\(index).jpg", sha256: "sha\(index)", sizeBytes: 1, status: .ok,
            capturedAt: at, captureSource: "name", receivedAt: at, archivedPath: "/a/p\(index).jpg")
        let occupied = states.values.filter { $0 == "occupied" }.count
        let reading = SpaceReadingRecord(
            camera: "cam1", capturedAt: at, total: 2, occupied: occupied, free: 2 - occupied, unknown: 0,
            freeSpaces: "[]", rawStates: "", rawConfidence: Data())
        let tracks = states.map { SpaceTrackRecord(camera: "cam1", space: $0.key, state: $0.value, confidence: 0.95, updatedAt: at) }
        _ = try await store.insert(photo, occupancy: OccupancyWrite(spaceIDs: ["A", "B"], reading: reading, changes: [], tracks: tracks))
    }

    /// Runs a publisher to the broker on `port` while `body` runs, with a stream of its passes' counts.
    func publishing(to port: Int, _ body: (AsyncStream<Int>) async throws -> Void) async throws {
        let (passes, sink) = AsyncStream.makeStream(of: Int.self)
        var settings = MQTTPublisher.Settings()
        settings.poll = .milliseconds(50)
        let publisher = MQTTPublisher(
            store: store, config: MQTTConfig(url: "mqtt://127.0.0.1:\(port)", prefix: "pw", discovery: false), lots: ["cam1": "north"],
            settings: settings, logger: Logger(label: "mqtt")) { sink.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [.init(service: publisher)], logger: Logger(label: "mqtt")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(passes)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    func retained(on port: Int) async throws -> [String: String] {
        let subscription = try MQTTSubscription(port: port, topics: ["pw/#"], count: topicCount, retainedOnly: true, in: folder.url)
        return MQTTSubscription.byTopic(await subscription.finished())
    }

    @Test func statesAreRetainedAndOnlyChangesAreSentAgain() async throws {
        let broker = try await MosquittoBroker(in: folder.url)
        try await record(1, states: ["A": "occupied", "B": "free"])
        try await publishing(to: broker.port) { passes in
            #expect(await passes.first(within: liveDeadline) { $0 > 0 } == topicCount)
            let first = try await retained(on: broker.port)
            #expect(first["pw/north/A/state"] == "occupied" && first["pw/north/B/state"] == "free" && first["pw/status"] == "online")
            #expect(first["pw/north/state"]?.contains(#""occupied":1"#) == true)
            try await record(2, states: ["A": "occupied", "B": "occupied"])
            // Space B and the lot's figures; nothing else changed.
            let changed = await passes.first(within: liveDeadline) { $0 > 0 }
            let second = try await retained(on: broker.port)
            #expect(changed == 2, "\(second)")
            #expect(second["pw/north/B/state"] == "occupied" && second["pw/north/state"]?.contains(#""occupied":2"#) == true)
        }
        let after = try await retained(on: broker.port)
        #expect(after["pw/status"] == "offline", "a stopped publisher says so")
    }

    /// Started while the broker is down, the publisher sends everything once it comes; a broker
    /// restarted without its retained messages gets them all again.
    @Test func aBrokerThatComesLateOrForgetsGetsEverything() async throws {
        try await record(1, states: ["A": "free", "B": "free"])
        let port = try LoopbackPort.free()
        try await publishing(to: port) { passes in
            var broker = try await MosquittoBroker(in: folder.url, port: port)
            #expect(await passes.first(within: liveDeadline) { $0 > 0 } == topicCount)
            broker.stop()
            broker = try await MosquittoBroker(in: folder.url, port: port)
            #expect(await passes.first(within: liveDeadline) { $0 > 0 } == topicCount)
            let topics = try await retained(on: port)
            #expect(topics.count == topicCount && topics["pw/north/A/state"] == "free")
            _ = broker
        }
    }
}
