import Foundation
import ParkWatchMetrics
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A camera whose layout names its reference photo, read through the photo path: the camera moves
/// (the dev frames shifted by `tools/pklot-frames`), then shows another scene, then comes back.
@Suite struct ViewFollowingTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("follow")
    }

    /// The dev day1 frames shifted 60 px right and 20 px down, each with its moved labels.
    private func shiftedDay1() async throws -> [(URL, [String: Bool])] {
        let out = folder.path("shifted")
        let source = TestResources.dataset("pklot-ufpr05-dev/day1").path
        try await RepositoryTool.run("pklot-frames/shift_pklot.py", [source, out.path, "--dx", "60", "--dy", "20"], log: folder.path("shift.log"))
        return try TestResources.pklotDay1.map { original in
            let stem = original.deletingPathExtension().lastPathComponent
            let labels = try LayoutImport.readPKLot(out.appendingPathComponent(stem + ".xml")).occupied
            return (out.appendingPathComponent(stem + ".jpg"), labels)
        }
    }

    private func read(_ reader: FrameReader, _ file: URL, layout: LotLayout) async throws -> FrameReading {
        try await reader.read(try await Image.decode(Data(contentsOf: file)), camera: "cam", layout: layout)
    }

    @Test func theSpacesFollowAMovedCameraAndReadUnknownWhereItSeesSomethingElse() async throws {
        let drawnOn = try #require(TestResources.pklotDay1.first)
        var layout = try LayoutImport.fromPKLot(drawnOn.deletingPathExtension().appendingPathExtension("xml")).layout
        layout.reference = drawnOn.path
        let log = CapturedLog()
        let registry = MetricsRegistry()
        let metrics = PipelineMetrics(factory: registry.factory)
        let shown = { String(decoding: registry.exposition(), as: UTF8.self) }
        let reader = FrameReader(
            detector: try VehicleDetector(modelPath: TestResources.model),
            spaces: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)), options: .photos,
            logger: log.logger)
        for (file, truth) in try await shiftedDay1() {
            let reading = try await read(reader, file, layout: layout)
            let wrong = reading.decisions.filter { decision in
                truth[decision.spaceID].map { decision.state != ($0 ? SpaceState.occupied : .free) } ?? true
            }
            #expect(wrong.count <= 1, "\(file.lastPathComponent): \(wrong.map { $0.spaceID })")
            #expect(try (55...75).contains(#require(reading.viewShift)) && !reading.viewLost)
            metrics.record(reading, camera: "cam")
        }
        #expect(shown().contains(#"parkwatch_camera_view_shift_pixels{camera="cam"} 6"#))
        #expect(log.all.filter { $0.message.hasPrefix("camera moved") }.count == 1)

        let elsewhere = try await read(reader, TestResources.dataset("seed-lot/mask_1920_1080.png"), layout: layout)
        #expect(elsewhere.viewLost && elsewhere.viewShift == nil)
        #expect(elsewhere.decisions.count == 40 && elsewhere.decisions.allSatisfy { $0.state == .unknown })
        #expect(log.all.contains { $0.message.hasPrefix("camera view not recognised") })
        metrics.record(elsewhere, camera: "cam")
        #expect(shown().contains(#"parkwatch_camera_view_shift_pixels{camera="cam"} -1"#))

        let back = try await read(reader, drawnOn, layout: layout)
        #expect(try #require(back.viewShift) < 10 && back.decisions.filter { $0.state == .unknown }.isEmpty)
        #expect(log.all.contains { $0.message == "camera view recognised again" })
    }
}
