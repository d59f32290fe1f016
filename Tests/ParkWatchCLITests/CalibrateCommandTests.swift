import Foundation
import ParkWatchInbox
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// A camera learns from a few labelled photos, as an operator does it: the service has stored
/// the photos, `label import` adds PKLot labels to them, `calibrate` refits and stores the weights.
@Suite(.serialized) struct CalibrateCommandTests {
    /// A configuration with camera `cam1` (the UFPR05 layout), and the ten dev frames processed
    /// as the service processes them.
    func site() async throws -> (folder: TemporaryFolder, cli: CLIRunner) {
        let folder = try TemporaryFolder("cli-calibrate")
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        try LayoutImport.fromPKLot(xml).layout.write(to: folder.path("ufpr05.json"))
        try Data("""
            database: parkwatch.sqlite
            inbox: inbox
            archive: archive
            cameras:
              cam1:
                layout: ufpr05.json
            spaces:
              classifier: \(TestResources.classifier)
              overlays: false
            """.utf8).write(to: folder.path("parkwatch.yaml"))
        var settings = WatchSettings(model: TestResources.model)
        settings.inbox = try folder.folder("inbox")
        settings.archive = folder.path("archive")
        settings.database = folder.path("parkwatch.sqlite").path
        settings.classifier = TestResources.classifier
        settings.layouts = ["cam1": folder.path("ufpr05.json").path]
        let processor = try InboxPipeline.buildProcessor(settings)
        for frame in TestResources.pklotDay1 + TestResources.pklotDay0 {
            let target = try folder.folder("inbox/cam1").appendingPathComponent(frame.lastPathComponent)
            try FileManager.default.copyItem(at: frame, to: target)
            _ = try await processor.process(Photo(at: target, inbox: settings.inbox, receivedAt: Date()))
        }
        return (folder, CLIRunner(directory: folder.url))
    }

    @Test func labelsImportedThenCalibratedThenReset() async throws {
        let (folder, cli) = try await site()
        let imported = try await cli.run("label", "import", TestResources.dataset("pklot-ufpr05-dev").path, "--camera", "cam1", "--config", "parkwatch.yaml")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("400 space labels stored for 10 photo(s)"), "\(imported.stdout)")

        let calibrated = try await cli.run("calibrate", "--camera", "cam1", "--config", "parkwatch.yaml", "--json")
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let report = try #require(try calibrated.json() as? [String: Any])
        #expect(report["photos"] as? Int == 10 && report["labels"] as? Int == 400)
        #expect((report["before"] as? Double ?? 0) >= 0.99 && (report["after"] as? Double ?? 0) >= 0.99)
        let stored = try await ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path).cameraFusion(camera: "cam1")
        #expect(stored?.labels == 400)
        // Every space is labelled free in the empty day's photos: each has a look now, stored
        // beside the weights; the busy morning's cars stand in the detector's boxes.
        #expect(report["looked_free"] as? Int == 40 && report["side_view"] as? Bool == true)
        let looks = try JSONDecoder().decode(EmptyLooks.self, from: Data(try #require(stored?.emptyLooks).utf8))
        #expect(looks.spaces.count == 40 && looks.spaces.values.allSatisfy { $0.allSatisfy(\.labelled) })
        #expect(stored?.sideView == true)

        let reset = try await cli.run("calibrate", "--camera", "cam1", "--config", "parkwatch.yaml", "--reset")
        #expect(reset.status == 0 && reset.stdout.contains("calibration and history removed"), "\(reset.stderr)")
        #expect(try await ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path).cameraFusion(camera: "cam1") == nil)
    }

    /// Labels for another camera's photos, or for a space the layout does not have, are refused
    /// with the file and the reason, and nothing is stored.
    @Test func badLabelsAreRefusedAndNothingIsStored() async throws {
        let (folder, cli) = try await site()
        let dev = TestResources.dataset("pklot-ufpr05-dev")
        let otherCamera = try await cli.run("label", "import", dev.path, "--camera", "cam2", "--config", "parkwatch.yaml")
        #expect(otherCamera.status == 1 && otherCamera.stderr.contains("is a photo of camera cam1"), "\(otherCamera.stderr)")

        let labels = try folder.folder("labels")
        let frame = try #require(TestResources.pklotDay1.first)
        try FileManager.default.copyItem(at: frame, to: labels.appendingPathComponent(frame.lastPathComponent))
        let xml = try String(contentsOf: frame.deletingPathExtension().appendingPathExtension("xml"), encoding: .utf8)
        try Data(xml.replacingOccurrences(of: "<space id=\"1\"", with: "<space id=\"99\"").utf8)
            .write(to: labels.appendingPathComponent(frame.deletingPathExtension().lastPathComponent + ".xml"))
        let unknownSpace = try await cli.run("label", "import", labels.path, "--camera", "cam1", "--config", "parkwatch.yaml")
        #expect(unknownSpace.status == 1 && unknownSpace.stderr.contains("space 99 is not in the layout"), "\(unknownSpace.stderr)")

        let nothing = try await cli.run("calibrate", "--camera", "cam1", "--config", "parkwatch.yaml")
        #expect(nothing.status == 1 && nothing.stderr.contains("no labelled photo"), "\(nothing.stderr)")
    }
}
