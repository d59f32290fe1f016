import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real HTTP server on a free loopback port that takes webhook deliveries, answering 500 to the
/// first `failing` of them, and hands each one to the test as it arrives.
struct WebhookReceiver {
    struct Delivery: Sendable {
        var headers: [String: String]
        var body: String
        var answered: Int
    }

    actor Answers {
        var left: Int
        init(failing: Int) { left = failing }
        func next() -> HTTPResponse.Status {
            guard left > 0 else { return .noContent }
            left -= 1
            return .internalServerError
        }
    }

    /// Runs `body` with the receiver's URL and the stream of what it received, then stops it.
    static func run(failing: Int = 0, port: Int = 0, _ body: (String, AsyncStream<Delivery>) async throws -> Void) async throws {
        let (deliveries, sink) = AsyncStream.makeStream(of: Delivery.self)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let answers = Answers(failing: failing)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let status = await answers.next()
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }  // lower case
            sink.yield(Delivery(headers: headers, body: String(buffer: bytes), answered: Int(status.code)))
            return Response(status: status)
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) }, logger: Logger(label: "receiver"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: Logger(label: "receiver")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ReceiverError.notListening }
            try await body("http://127.0.0.1:\(port)/hook", deliveries)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    enum ReceiverError: Error { case notListening }
}
