import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchVision

@Suite("Loading the detector")
struct VehicleDetectorLoadingTests {
    @Test func missingModelIsModelNotFound() {
        #expect(throws: VisionError.modelNotFound(path: "/nonexistent/yolox.onnx")) {
            try VehicleDetector(modelPath: "/nonexistent/yolox.onnx")
        }
    }

    @Test(arguments: [Data("not an ONNX model".utf8), Data()])
    func fileThatIsNotONNXIsModelLoadFailed(contents: Data) throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("parkwatch-not-a-model-\(UUID().uuidString).onnx").path
        try contents.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: VisionError.self) { try VehicleDetector(modelPath: path) }
        guard case .modelLoadFailed(let failedPath, let reason) = error else {
            Issue.record("expected modelLoadFailed, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path)
        #expect(!reason.isEmpty)
    }

    @Test func impossibleSettingsAreRejected() {
        var settings = DetectorSettings.default
        settings.inputSize = 400
        #expect(throws: VisionError.self) { try VehicleDetector(modelPath: TestResources.model, settings: settings) }
        settings = .default
        settings.scoreThreshold = 1.5
        #expect(throws: VisionError.self) { try VehicleDetector(modelPath: TestResources.model, settings: settings) }
    }

    @Test func opencvVersionIsTheDebianOne() {
        #expect(OpenCV.version.hasPrefix("4."))
    }
}

@Suite("Pass planning")
struct PassPlanningTests {
    @Test func largeFramesGetTheWholeFramePlusEachTile() throws {
        let detector = try #require(Fixtures.detector)
        let regions = detector.passRegions(width: 1280, height: 720)
        #expect(regions.count == 13)
        #expect(regions.first == PixelRect(x: 0, y: 0, width: 1280, height: 720))
        #expect(detector.passRegions(width: 640, height: 480).count == 1)
    }

    @Test func tilingOffMeansOnePass() throws {
        var settings = DetectorSettings.default
        settings.tiling = nil
        let detector = try VehicleDetector(modelPath: TestResources.model, settings: settings)
        #expect(detector.passRegions(width: 1920, height: 1080).count == 1)
    }

    /// A 150x150 CNRPark patch is below tileWhenLongSideAbove: one pass, and detection runs end to end.
    @Test func smallImageRunsOnlyTheWholeFramePass() async throws {
        let detector = try #require(Fixtures.detector)
        let patch = TestResources.dataset("cnrpark-a/busy/20150703_0805_14.jpg")
        let image = try await Image.decode(try Fixtures.data(patch))
        let detections = try await detector.detect(image)
        #expect(detections.passes == 1)
        #expect(detections.boxes.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x + $0.w <= 150 && $0.y + $0.h <= 150 })
    }
}
