import Foundation
import Logging
import ParkWatchConfig
import ParkWatchStore
import ServiceLifecycle

/// Keeps the broker's retained topics equal to what the store says: every `poll` it reads each
/// camera's confirmed states and sends the topics whose payload changed since it last sent them
/// (so subscribers see confirmed changes only, never a flicker). Ingest never waits for it: it
/// reads the database on its own. While the broker is down nothing is sent; after every
/// (re)connection every topic is sent again, since the broker may have lost them.
package struct MQTTPublisher: Service {
    package struct Settings: Sendable {
        package var poll: Duration = .seconds(1)
        package var keepalive = 30
        package init() {}
    }

    let store: ParkWatchDatabase
    let config: MQTTConfig
    /// Each configured camera's lot; other cameras are lots of their own.
    let lots: [String: String]
    let settings: Settings
    let logger: Logger
    /// Called after each pass with the number of topics sent, for tests to wait on.
    let onPass: @Sendable (Int) -> Void

    package init(
        store: ParkWatchDatabase, config: MQTTConfig, lots: [String: String], settings: Settings = Settings(), logger: Logger,
        onPass: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.store = store
        self.config = config
        self.lots = lots
        self.settings = settings
        self.logger = logger
        self.onPass = onPass
    }

    package func run() async throws {
        let address = try BrokerAddress(url: config.url)
        let messages = MQTTMessages(prefix: config.prefix, discovery: config.discovery)
        let client = try MosquittoClient(
            id: "parkwatch-\(ProcessInfo.processInfo.processIdentifier)", address: address,
            will: BrokerMessage(topic: messages.availabilityTopic, payload: "offline"), qos: config.qos)
        try client.start(address, keepalive: settings.keepalive)
        logger.info("publishing to mqtt", metadata: ["broker": "\(RedactedURL.shown(config.url))", "prefix": "\(config.prefix)"])
        do {
            try await cancelWhenGracefulShutdown {
                var sent = Sent()
                while !Task.isCancelled {
                    try await publishChanges(client, messages: messages, sent: &sent)
                    try await Task.sleep(for: settings.poll)
                }
            }
        } catch where Task.isShuttingDownGracefully {
            // Shutting down: announce it, so subscribers see the service go rather than its will later.
        }
        try? client.publish(BrokerMessage(topic: messages.availabilityTopic, payload: "offline"), qos: config.qos)
        client.disconnect()
    }

    /// What was sent on the current connection, by topic.
    struct Sent {
        var connection = 0
        var payloads: [String: String] = [:]
    }

    func publishChanges(_ client: MosquittoClient, messages: MQTTMessages, sent: inout Sent) async throws {
        guard client.isConnected else { return }
        if client.connections != sent.connection { sent = Sent(connection: client.connections) }
        var count = 0
        for message in messages.messages(for: try await snapshot()) where sent.payloads[message.topic] != message.payload {
            do {
                try client.publish(message, qos: config.qos)
                sent.payloads[message.topic] = message.payload
                count += 1
            } catch {
                // The connection went; the next connection sends everything again.
                logger.warning("mqtt publish failed", metadata: ["reason": "\(error)"])
                return
            }
        }
        onPass(count)
    }

    func snapshot() async throws -> MQTTSnapshot {
        MQTTSnapshot(cameras: try await store.liveCameraStates().map { live in
            MQTTSnapshot.Camera(
                id: live.camera, lot: lots[live.camera] ?? live.camera, reading: live.reading, spaces: live.spaceIDs,
                confirmed: live.tracks.mapValues(\.state), health: live.health)
        })
    }
}
