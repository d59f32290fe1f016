import Foundation
import Logging
import Synchronization

/// A log handler that keeps every line, so a test can wait for the one it expects instead of
/// sleeping and looking.
public final class CapturedLog: Sendable {
    public struct Line: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let lines = Mutex<[Line]>([])
    private let stream: AsyncStream<Line>
    private let sink: AsyncStream<Line>.Continuation

    public init() {
        let made = AsyncStream.makeStream(of: Line.self)
        stream = made.stream
        sink = made.continuation
    }

    public var logger: Logger {
        Logger(label: "captured") { _ in Handler(target: self) }
    }

    public var all: [Line] { lines.withLock { $0 } }

    /// Every line so far, one per row with its metadata: for a failed expectation's message.
    public var shown: String {
        all.map { line in
            "\(line.level) \(line.message) " + line.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The first line (already logged or still to come) that matches, or nil after `seconds`.
    public func first(within seconds: Double, where matches: @escaping @Sendable (Line) -> Bool) async -> Line? {
        if let line = all.first(where: matches) { return line }
        return await withTaskGroup(of: Line?.self) { group in
            group.addTask { [stream] in
                for await line in stream where matches(line) { return line }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let found = await group.next() ?? nil
            group.cancelAll()
            return found ?? all.first(where: matches)
        }
    }

    fileprivate func append(_ line: Line) {
        lines.withLock { $0.append(line) }
        sink.yield(line)
    }

    private struct Handler: LogHandler {
        let target: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).mapValues { "\($0)" }
            target.append(Line(level: event.level, message: "\(event.message)", metadata: fields))
        }
    }
}
