/// What can go wrong talking to the broker. No case carries the broker URL: it may hold a password.
package enum MQTTError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidURL
    case clientFailed(call: String, reason: String)
    case publishFailed(topic: String, reason: String)

    package var description: String {
        switch self {
        case .invalidURL: "the mqtt url is not mqtt://[user:password@]host[:port] or mqtts://…"
        case .clientFailed(let call, let reason): "mqtt: \(call) failed: \(reason)"
        case .publishFailed(let topic, let reason): "mqtt: publishing \(topic) failed: \(reason)"
        }
    }
}
