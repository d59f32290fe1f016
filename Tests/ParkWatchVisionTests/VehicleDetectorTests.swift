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
        settings = .default
        settings.crowdedFrom = 0
        #expect(throws: VisionError.invalidSettings(reason: "crowdedFrom 0 is below 1")) {
            try VehicleDetector(modelPath: TestResources.model, settings: settings)
        }
    }

    @Test func noWorkerIsRejected() {
        #expect(throws: VisionError.invalidSettings(reason: "workers 0 is below 1")) {
            try VehicleDetector(modelPath: TestResources.model, workers: 0)
        }
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
        // A small frame of far vehicles (a view with depth) is tiled all the same.
        #expect(detector.passRegions(width: 640, height: 480, farVehicles: true).count == 13)
    }

    @Test func tilingOffMeansOnePass() throws {
        var settings = DetectorSettings.default
        settings.tiling = nil
        let detector = try VehicleDetector(modelPath: TestResources.model, settings: settings)
        #expect(detector.passRegions(width: 1920, height: 1080).count == 1)
    }

    /// Each pass's input is as large as its region needs: the padding of a square input is work for nothing.
    @Test func aPassInputIsOnlyAsLargeAsItsRegionNeeds() throws {
        let frame = try #require(TestResources.pklotDay1.first)
        let image = try Image(contentsOfFile: frame.path)
        let network = try ONNXNetwork(path: TestResources.model)
        let capacity = YOLOXDecoder(inputSize: 416).rowCount * YOLOXDecoder.valuesPerRow
        var sizes: [[Int]] = []
        for region in [PixelRect(x: 0, y: 0, width: 1280, height: 720), PixelRect(x: 0, y: 0, width: 394, height: 288),
                       PixelRect(x: 0, y: 0, width: 200, height: 400)] {
            let output = try network.forward(image, region: region, inputSize: 416, align: 32, capacity: capacity)
            #expect(output.rows == YOLOXDecoder(inputWidth: output.inputWidth, inputHeight: output.inputHeight).rowCount)
            sizes.append([output.inputWidth, output.inputHeight])
        }
        // 1280x720 -> 416x234 -> 416x256; 394x288 -> 416x304 -> 416x320; 200x400 -> 208x416 -> 224x416.
        #expect(sizes == [[416, 256], [416, 320], [224, 416]])
        #expect(throws: VisionError.self) {
            try network.forward(image, region: PixelRect(x: 0, y: 0, width: 100, height: 100), inputSize: 400, align: 32,
                                capacity: capacity)
        }
    }

    /// A small frame is tiled only when its whole-frame pass shows a vehicle too small to see well
    /// at the network's scale; faint candidates (a lamp head, a shadow) do not count.
    @Test func smallVehiclesAreWhatTilesASmallFrame() throws {
        let detector = try #require(Fixtures.detector)
        let car = { (side: Double, score: Double) in VehicleBox(x: 10, y: 10, w: side * 2, h: side, score: score, label: "car") }
        // 640 px shrink to 416: a 40 px side is 26 at the network's scale, a 60 px side 39.
        #expect(detector.showsSmallVehicles([car(60, 0.9), car(40, 0.8)], width: 640, height: 360))
        #expect(!detector.showsSmallVehicles([car(60, 0.9)], width: 640, height: 360))
        #expect(!detector.showsSmallVehicles([car(60, 0.9), car(40, 0.2)], width: 640, height: 360))
    }

    /// A full look whose boxes are mostly small even at its tiles' scale (a wide view of a
    /// crowded lot) runs a grid fine enough to bring them to about `finerLookAim`, at most twice
    /// as fine; large boxes, or too few to say, need none.
    @Test func mostlySmallBoxesAtTheTilesScaleCallForAFinerGrid() throws {
        let detector = try #require(Fixtures.detector)
        let tile = PixelRect(x: 0, y: 0, width: 788, height: 576)  // a 4x3 tile of 2560x1440: scale 0.53
        let cars = { (side: Double, count: Int) in
            (0..<count).map { VehicleBox(x: Double($0) * 150, y: 10, w: side * 2, h: side, score: 0.8, label: "car") }
        }
        #expect(detector.finerGrid(for: cars(40, 9), tile: tile) == TileGrid(columns: 8, rows: 6))  // 21 px: twice, the most
        #expect(detector.finerGrid(for: cars(56, 9), tile: tile) == TileGrid(columns: 7, rows: 5))  // 29.6 px: x 1.62
        #expect(detector.finerGrid(for: cars(70, 9), tile: tile) == nil)  // 37 px
        #expect(detector.finerGrid(for: cars(40, 4), tile: tile) == nil)
        var settings = DetectorSettings.default
        settings.finerLookAtMost = 1
        let plain = try VehicleDetector(modelPath: TestResources.model, settings: settings, workers: 1)
        #expect(plain.finerGrid(for: cars(40, 9), tile: tile) == nil)
    }

    /// A gated closer look takes a far space's tile from the finer grid a full look would run for
    /// vehicles of that size, and a near space's from the 4x3 grid; one limit counts both.
    @Test func aFarSpaceGetsItsCloserLookFromAFinerGrid() throws {
        let detector = try #require(Fixtures.detector)
        let tiles = try #require(detector.settings.tiling).tiles(width: 640, height: 360)  // 197x129: scale 2.11
        let near = PixelRect(x: 20, y: 200, width: 100, height: 100)
        let far = PixelRect(x: 300, y: 10, width: 40, height: 20)
        let choice = detector.closerTiles(
            for: [near, far], vehicleSides: [40, 8], among: tiles, width: 640, height: 360, limit: nil, waiting: 0)
        // 8 px is 17 at the 4x3 tiles' scale: the grid twice as fine, 8x6, whose tiles are 103 px wide.
        let finer = TileGrid(columns: 8, rows: 6).tiles(width: 640, height: 360)
        #expect(choice.tiles == [tiles[TileChoice.ownTile(of: near, among: tiles)!], finer[TileChoice.ownTile(of: far, among: finer)!]])
        #expect(choice.tiles[1].width == 103)
        let sameSize = detector.closerTiles(
            for: [near, far], vehicleSides: [40, 40], among: tiles, width: 640, height: 360, limit: nil, waiting: 0)
        #expect(sameSize == TileChoice.choose(among: tiles, for: [near, far], limit: nil))
        let limited = detector.closerTiles(
            for: [near, far], vehicleSides: [40, 8], among: tiles, width: 640, height: 360, limit: 1, waiting: 1)
        #expect(limited.tiles == [choice.tiles[0]] && limited.leftOut == [1])
    }

    /// A full look runs the whole finer grid when its boxes are mostly small; else only the finer
    /// grid's own tiles of the spaces whose cars would be small; else no finer tile.
    @Test func aFullLookRunsTheFinerTilesOfItsFarSpaces() throws {
        let detector = try #require(Fixtures.detector)
        let image = try Image(contentsOfFile: try #require(TestResources.pklotDay1.first).path).resized(width: 640, height: 360)
        let tiles = try #require(detector.settings.tiling).tiles(width: 640, height: 360)
        let finer = TileGrid(columns: 8, rows: 6).tiles(width: 640, height: 360)
        let far = [PixelRect(x: 300, y: 10, width: 40, height: 20), PixelRect(x: 320, y: 12, width: 40, height: 20)]
        let near = [PixelRect(x: 20, y: 200, width: 100, height: 100)]
        let smallCars = (0..<6).map { VehicleBox(x: Double($0) * 90, y: 100, w: 20, h: 10, score: 0.8, label: "car") }
        #expect(detector.finerTiles(for: smallCars, spaces: near, vehicleSides: [40], among: tiles, of: image) == finer)
        let farOnly = detector.finerTiles(for: [], spaces: near + far, vehicleSides: [40, 8, 8], among: tiles, of: image)
        #expect(farOnly == far.map { finer[TileChoice.ownTile(of: $0, among: finer)!] } && farOnly[0] != farOnly[1])
        #expect(detector.finerTiles(for: [], spaces: near + far, vehicleSides: [40, 40, 40], among: tiles, of: image).isEmpty)
    }

    /// The dev camera at 640x360: the busy 07:15 frame shows small cars, so its tiles run and find
    /// cars the whole frame alone misses; the empty lot gets its one pass.
    @Test func aSmallFrameOfSmallCarsIsTiled() async throws {
        let detector = try #require(Fixtures.detector)
        var settings = DetectorSettings.default
        settings.tiling = nil
        let wholeFrameOnly = try VehicleDetector(modelPath: TestResources.model, settings: settings)
        let busy = try Image(contentsOfFile: try #require(TestResources.pklotDay1.last).path).resized(width: 640, height: 360)
        let tiled = try await detector.detect(busy)
        let whole = try await wholeFrameOnly.detect(busy)
        #expect(tiled.passes == 13)
        #expect(tiled.vehicles > whole.vehicles)
        let empty = try Image(contentsOfFile: try #require(TestResources.pklotDay0.first).path).resized(width: 640, height: 360)
        #expect(try await detector.detect(empty).passes == 1)
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
