import Foundation
import Logging
import ParkWatchTestSupport
import ParkWatchWeb
import ServiceLifecycle
import Testing

/// Schemathesis (PyPI, in the venv `scripts/schemathesis-venv.sh` makes; `make test` makes it
/// when missing) against a real server on a free loopback port: generated requests from
/// docs/openapi.yaml, a bounded number per operation, and the run fails on any 5xx, any status
/// the document does not list, or any answer that does not fit its schema.
@Suite(.serialized) struct SchemathesisTests {
    static let executable = TestResources.packageRoot.appendingPathComponent("tools/schemathesis/.venv/bin/schemathesis").path
    /// `make test` sets it, so a venv that failed to appear fails the run instead of skipping it.
    static let required = ProcessInfo.processInfo.environment["PARKWATCH_REQUIRE_SCHEMATHESIS"] == "1"
    static let checks = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"

    @Test func generatedRequestsGetNo5xxAndOnlyDocumentedAnswers() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            if Self.required { Issue.record("no schemathesis at \(Self.executable): run scripts/schemathesis-venv.sh") }
            return
        }
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = WebApp.buildApplication(source: .node(fixture.store), settings: fixture.settings, clock: fixture.clock, logger: Logger(label: "st")) {
            portSink.yield($0)
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: app)], logger: Logger(label: "st")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try await iterator.next().unwrapped("port")
            let (status, output) = try await run(port: port, in: fixture.folder.url)
            #expect(status == 0, "schemathesis found problems:\n\(output.suffix(6000))")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Runs in `folder`, where schemathesis leaves its cache, so nothing lands in the checkout.
    private func run(port: Int, in folder: URL) async throws -> (Int32, String) {
        let log = folder.appendingPathComponent("schemathesis.log")
        let arguments = [
            "run", TestResources.packageRoot.appendingPathComponent("docs/openapi.yaml").path, "--url", "http://127.0.0.1:\(port)",
            "--checks", Self.checks, "--max-examples", "15", "--phases", "examples,coverage,fuzzing", "--seed", "18",
            "--request-timeout", "10", "--no-color", "--suppress-health-check", "all",
        ]
        let process = try BackgroundProcess(Self.executable, arguments, log: log, directory: folder)
        let status = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: process.waitForExit()) }
        }
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
