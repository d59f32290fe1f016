@testable import ParkWatchPipeline
import Foundation
import Logging
import ServiceLifecycle
import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// A temp inbox, archive and SQLite file wired as `watch` wires them, with the real detector.
struct PipelineFixture {
    let folder: TemporaryFolder
    let settings: WatchSettings

    init() throws {
        folder = try TemporaryFolder("inbox")
        var settings = WatchSettings(model: TestResources.model)
        settings.inbox = folder.path("inbox")
        settings.archive = folder.path("archive")
        settings.database = folder.path("parkwatch.sqlite").path
        settings.settle = .milliseconds(100)
        self.settings = settings
        try folder.folder("inbox")
    }

    init(folder: TemporaryFolder, settings: WatchSettings) {
        self.folder = folder
        self.settings = settings
    }

    var inbox: URL { settings.inbox }

    func processor(_ faults: FaultInjector = .none) throws -> PhotoProcessor {
        try InboxPipeline.buildProcessor(settings, faults: faults)
    }

    func store() throws -> ParkWatchDatabase { try ParkWatchDatabase(path: settings.database) }

    func rows() async throws -> [PhotoRecord] { try await store().photos(matching: PhotoFilter()) }

    /// Copies `source` into the inbox (under `camera`, or straight in when nil) and returns the photo.
    @discardableResult
    func drop(_ source: URL, camera: String? = "cam1", as name: String? = nil) throws -> Photo {
        let folder = camera.map { inbox.appendingPathComponent($0) } ?? inbox
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(name ?? source.lastPathComponent)
        try FileManager.default.copyItem(at: source, to: target)
        return Photo(at: target, inbox: inbox, receivedAt: Date())
    }

    func write(_ data: Data, camera: String = "cam1", as name: String) throws -> Photo {
        let folder = try self.folder.folder("inbox/\(camera)")
        let target = folder.appendingPathComponent(name)
        try data.write(to: target)
        return Photo(at: target, inbox: inbox, receivedAt: Date())
    }

    func archived(_ record: PhotoRecord) -> Data? {
        FileManager.default.contents(atPath: record.archivedPath)
    }
}

/// Runs the service in a service group for the duration of `body`, then shuts it down gracefully.
/// `body` starts once the service watches the inbox (what waited in it handled), so a file it
/// drops is announced by the kernel.
func withRunningService(
    _ fixture: PipelineFixture, _ body: (ProcessedLog) async throws -> Void
) async throws {
    let log = ProcessedLog()
    let (watching, signal) = AsyncStream.makeStream(of: Void.self)
    let service = try InboxPipeline.buildService(
        fixture.settings, logger: Logger(label: "test"), onProcessed: { log.append($0) }, onWatching: { signal.yield() })
    let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var ready = watching.makeAsyncIterator()
        _ = await ready.next()
        try await body(log)
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
