import CMosquitto
import Foundation

/// Where and how to connect: the parts of an `mqtt://` or `mqtts://` URL.
package struct BrokerAddress: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var username: String?
    package var password: String?
    package var tls: Bool

    package init(url: String) throws(MQTTError) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, ["mqtt", "mqtts"].contains(scheme),
              let host = parts.host, !host.isEmpty else { throw .invalidURL }
        tls = scheme == "mqtts"
        self.host = host
        port = parts.port ?? (tls ? 8883 : 1883)
        username = parts.user?.removingPercentEncoding
        password = parts.password?.removingPercentEncoding
    }
}

/// A message the broker keeps for late subscribers (`retain`) and gives to whoever subscribes.
package struct BrokerMessage: Sendable, Equatable {
    package var topic: String
    package var payload: String
    package var retain: Bool

    package init(topic: String, payload: String, retain: Bool = true) {
        self.topic = topic
        self.payload = payload
        self.retain = retain
    }
}

/// Owns one libmosquitto client and its network thread. The thread connects, reconnects with
/// backoff after a loss, and sends; `connections` counts the connections it made, so an owner can
/// tell a reconnect happened (the broker may have lost retained state meanwhile).
package final class MosquittoClient: @unchecked Sendable {
    private let handle: OpaquePointer
    private let state: ConnectionState

    private static let initialised: Bool = { mosquitto_lib_init() == MOSQ_ERR_SUCCESS.rawValue }()

    /// `will` is what the broker publishes for this client when its connection drops unannounced.
    package init(id: String, address: BrokerAddress, will: BrokerMessage, qos: Int) throws(MQTTError) {
        guard Self.initialised else { throw .clientFailed(call: "mosquitto_lib_init", reason: "the library did not start") }
        let state = ConnectionState()
        guard let handle = mosquitto_new(id, true, Unmanaged.passUnretained(state).toOpaque()) else {
            throw .clientFailed(call: "mosquitto_new", reason: String(cString: strerror(errno)))
        }
        self.handle = handle
        self.state = state
        mosquitto_connect_callback_set(handle) { _, context, code in
            ConnectionState.from(context)?.connected(code == 0, reason: String(cString: mosquitto_connack_string(code)))
        }
        mosquitto_disconnect_callback_set(handle) { _, context, code in
            ConnectionState.from(context)?.connected(false, reason: String(cString: mosquitto_strerror(code)))
        }
        try check("mosquitto_will_set") {
            mosquitto_will_set(handle, will.topic, Int32(will.payload.utf8.count), will.payload, Int32(qos), will.retain)
        }
        if let username = address.username {
            try check("mosquitto_username_pw_set") { mosquitto_username_pw_set(handle, username, address.password) }
        }
        if address.tls {
            // The system's CA certificates, as Debian's ca-certificates installs them.
            try check("mosquitto_tls_set") { mosquitto_tls_set(handle, nil, "/etc/ssl/certs", nil, nil, nil) }
        }
        try check("mosquitto_reconnect_delay_set") { mosquitto_reconnect_delay_set(handle, 1, 30, true) }
    }

    deinit {
        mosquitto_disconnect(handle)
        mosquitto_loop_stop(handle, false)
        mosquitto_destroy(handle)
    }

    /// Starts the network thread and the first connection; it keeps trying while the broker is down.
    package func start(_ address: BrokerAddress, keepalive: Int = 30) throws(MQTTError) {
        try check("mosquitto_loop_start") { mosquitto_loop_start(handle) }
        let code = mosquitto_connect_async(handle, address.host, Int32(address.port), Int32(keepalive))
        // A refused first connection is retried by the network thread like a lost one.
        if code != MOSQ_ERR_SUCCESS.rawValue && code != MOSQ_ERR_ERRNO.rawValue {
            throw .clientFailed(call: "mosquitto_connect_async", reason: String(cString: mosquitto_strerror(code)))
        }
    }

    package var isConnected: Bool { state.snapshot.connected }
    package var connections: Int { state.snapshot.connections }
    /// Why the last connection attempt or connection ended, for logs.
    package var lastReason: String? { state.snapshot.reason }

    package func publish(_ message: BrokerMessage, qos: Int) throws(MQTTError) {
        let code = mosquitto_publish(
            handle, nil, message.topic, Int32(message.payload.utf8.count), message.payload, Int32(qos), message.retain)
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            throw .publishFailed(topic: message.topic, reason: String(cString: mosquitto_strerror(code)))
        }
    }

    /// Announced disconnect: the broker does not publish the will.
    package func disconnect() {
        mosquitto_disconnect(handle)
    }

    private func check(_ call: String, _ body: () -> Int32) throws(MQTTError) {
        let code = body()
        guard code == MOSQ_ERR_SUCCESS.rawValue else { throw .clientFailed(call: call, reason: String(cString: mosquitto_strerror(code))) }
    }
}

/// Written by the network thread's callbacks, read by the owner.
private final class ConnectionState: @unchecked Sendable {
    struct Snapshot {
        var connected = false
        var connections = 0
        var reason: String?
    }

    private let lock = NSLock()
    private var current = Snapshot()

    var snapshot: Snapshot { lock.withLock { current } }

    func connected(_ up: Bool, reason: String) {
        lock.withLock {
            if up && !current.connected { current.connections += 1 }
            current.connected = up
            current.reason = reason
        }
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> ConnectionState? {
        context.map { Unmanaged<ConnectionState>.fromOpaque($0).takeUnretainedValue() }
    }
}
