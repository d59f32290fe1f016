@testable import ParkWatchPipeline
import Foundation
import Logging
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchStreams
import ParkWatchTestSupport

/// A temp archive and SQLite file, the real models, and the seed lot's layout (imported from its
/// mask, which is one pixel larger than the video) for camera `cam`.
struct StreamFixture {
    static let seedVideo = TestResources.dataset("seed-lot/parking_crop.mp4").path
    static let seedMask = TestResources.dataset("seed-lot/mask_crop.png")

    let folder: TemporaryFolder
    var watch: WatchSettings
    let camera = "cam"

    init() throws {
        folder = try TemporaryFolder("streams")
        let layout = folder.path("layout.json")
        try LayoutImport.fromMask(Self.seedMask).write(to: layout)
        watch = WatchSettings(model: TestResources.model)
        watch.archive = folder.path("archive")
        watch.database = folder.path("parkwatch.sqlite").path
        watch.classifier = TestResources.classifier
        watch.layouts = [camera: layout.path]
    }

    func store() throws -> ParkWatchDatabase { try ParkWatchDatabase(path: watch.database) }

    func service(_ settings: StreamSettings, parts: PipelineParts) throws -> StreamService {
        var logger = Logger(label: "test.streams")
        logger.logLevel = .info
        return try StreamPipeline.buildService(settings, parts: parts, logger: logger)
    }
}

/// Runs `body` with `service` running in the background, then cancels it and waits for it.
func whileRunning(_ service: StreamService, _ body: () async throws -> Void) async throws {
    let task = Task { try await service.run() }
    do {
        try await body()
    } catch {
        task.cancel()
        _ = await task.result
        throw error
    }
    task.cancel()
    _ = await task.result
}
