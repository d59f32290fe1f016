@testable import ParkWatchPipeline
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchWeb

/// The real thing, as `parkwatch run` wires it: a configuration with camera cam1 watching lot
/// ufpr05 through the PKLot layout, the real detector and space classifier, a temp inbox,
/// archive and database, and the web settings the configuration gives.
struct PipelineFixture {
    let folder: TemporaryFolder
    let watch: WatchSettings
    let web: WebSettings

    init() throws {
        folder = try TemporaryFolder("web-pipeline")
        let xml = try TestResources.pklotDay1.first.map { $0.deletingPathExtension().appendingPathExtension("xml") }.unwrapped()
        let layout = folder.path("ufpr05.json")
        try LayoutImport.fromPKLot(xml).layout.write(to: layout)
        let configuration = Configuration(
            inbox: folder.path("inbox").path, archive: folder.path("archive").path, database: folder.path("parkwatch.sqlite").path,
            cameras: [
                "cam1": CameraConfig(id: "cam1", layout: layout.path, lot: "ufpr05"),
                "cam2": CameraConfig(id: "cam2", lot: "annex", capacity: 24),
            ],
            web: WebConfig(host: "127.0.0.1", port: 0))
        var watch = WatchSettings(model: TestResources.model)
        watch.inbox = URL(fileURLWithPath: configuration.inbox)
        watch.archive = URL(fileURLWithPath: configuration.archive)
        watch.database = configuration.database
        watch.layouts = ["cam1": layout.path]
        watch.classifier = TestResources.classifier
        watch.overlays = true
        watch.settle = .milliseconds(100)
        self.watch = watch
        web = try WebSettings(configuration: configuration)
    }

    func store() throws -> ParkWatchDatabase { try ParkWatchDatabase(path: watch.database) }

    /// Runs the five PKLot frames of 2013-02-22 through the real processor, as the watcher would.
    func processDay1() async throws {
        let processor = try InboxPipeline.buildProcessor(watch)
        let camera = watch.inbox.appendingPathComponent("cam1")
        try FileManager.default.createDirectory(at: camera, withIntermediateDirectories: true)
        for frame in TestResources.pklotDay1 {
            let target = camera.appendingPathComponent(frame.lastPathComponent)
            try FileManager.default.copyItem(at: frame, to: target)
            _ = try await processor.process(Photo(at: target, inbox: watch.inbox, receivedAt: Date()))
        }
    }
}

extension Optional {
    func unwrapped(_ what: String = "value") throws -> Wrapped {
        guard let self else { throw MissingValue(what: what) }
        return self
    }
}

struct MissingValue: Error, CustomStringConvertible {
    let what: String
    var description: String { "missing \(what)" }
}
