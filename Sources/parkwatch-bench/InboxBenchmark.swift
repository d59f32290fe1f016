import ArgumentParser
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchPipeline
import ParkWatchVision
import ServiceLifecycle

/// Fills a fresh inbox with a backlog of N distinct photos, runs the real service over it and
/// prints per-stage milliseconds and photos per second. A benchmark, not a test: it prints, it
/// does not judge.
@main
struct InboxBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkwatch-bench", abstract: "Per-stage timings of the inbox pipeline over a backlog.")

    @Option(help: "Number of photos in the backlog.")
    var photos = 20

    @Option(help: "Folder searched (recursively) for .jpg/.png frames to copy.")
    var source = "../shared/datasets/pklot-ufpr05-dev"

    @Option(help: "YOLOX-Nano ONNX weights.")
    var model: String?

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("parkwatch-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        var settings = WatchSettings(model: ModelLocator.detector.resolve(explicit: model))
        settings.inbox = work.appendingPathComponent("inbox")
        settings.archive = work.appendingPathComponent("archive")
        settings.database = work.appendingPathComponent("bench.sqlite").path
        settings.settle = .zero
        let frames = try BacklogMaker.fill(settings.inbox.appendingPathComponent("bench"), count: photos, from: URL(fileURLWithPath: source))
        let results = try await runService(settings, expecting: photos)
        print(BenchmarkReport(results: results.timings, wall: results.wall, frames: frames).text)
    }

    private func runService(_ settings: WatchSettings, expecting count: Int) async throws -> (timings: [StageTimings], wall: Double) {
        let collected = TimingsCollector()
        let (done, signalDone) = AsyncStream.makeStream(of: Void.self)
        let service = try InboxPipeline.buildService(try PipelineParts(settings), logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })) {
            if collected.append($0.timings) == count { signalDone.yield() }
        }
        let group = ServiceGroup(services: [service], logger: Logger(label: "bench"))
        let start = ContinuousClock.now
        var wall = 0.0
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for await _ in done { break }
            wall = (ContinuousClock.now - start).inSeconds
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        return (collected.all, wall)
    }
}

final class TimingsCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StageTimings] = []

    func append(_ timings: StageTimings) -> Int { lock.withLock { items.append(timings); return items.count } }
    var all: [StageTimings] { lock.withLock { items } }
}
