import Foundation

/// Debian's Mosquitto broker on a loopback port of its own, anonymous, keeping nothing on disk:
/// stopped, it forgets its retained messages, as a broker that lost its state would.
public final class MosquittoBroker: @unchecked Sendable {
    public let port: Int
    private let process: BackgroundProcess

    public struct NotListening: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts it and returns once it accepts connections.
    public init(in folder: URL, port: Int? = nil) async throws {
        let port = try port ?? LoopbackPort.free()
        let config = folder.appendingPathComponent("mosquitto-\(port).conf")
        try Data("listener \(port) 127.0.0.1\nallow_anonymous true\npersistence false\n".utf8).write(to: config)
        process = try BackgroundProcess(
            "/usr/sbin/mosquitto", ["-c", config.path], log: folder.appendingPathComponent("mosquitto-\(port).log"))
        self.port = port
        guard try await LoopbackPort.waitUntilListening(port) else {
            process.stop()
            throw NotListening(description: "mosquitto did not listen on \(port) (make test installs it: apt-get install mosquitto)")
        }
    }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// `mosquitto_sub` on the broker at `port`: the first `count` messages on `topics` (retained ones
/// first), as `topic payload` lines, or what came within 60 s.
public final class MQTTSubscription: @unchecked Sendable {
    private let process: BackgroundProcess
    private let log: URL

    public init(port: Int, topics: [String], count: Int, retainedOnly: Bool = false, in folder: URL) throws {
        log = folder.appendingPathComponent("sub-\(UUID().uuidString).txt")
        let arguments = ["-h", "127.0.0.1", "-p", "\(port)", "-v", "-C", "\(count)", "-W", "60"]
            + (retainedOnly ? ["--retained-only"] : []) + topics.flatMap { ["-t", $0] }
        process = try BackgroundProcess("/usr/bin/mosquitto_sub", arguments, log: log)
    }

    /// Every line so far.
    public var lines: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Every line, once it has them all or gave up.
    public func finished() async -> [String] {
        _ = await process.exited()
        return lines
    }

    /// The messages by topic, the last payload of each.
    public static func byTopic(_ lines: [String]) -> [String: String] {
        Dictionary(lines.map { line in
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }, uniquingKeysWith: { $1 })
    }
}
