import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing
@testable import ParkWatchSpaces

/// The runner with a stand-in model written by the test (TinyONNX): red crops read occupied, green free.
@Suite("Space classifier runner")
struct ClassifierTests {
    private let folder: TemporaryFolder
    private let modelPath: String

    init() throws {
        folder = try TemporaryFolder("classifier")
        modelPath = folder.path("tiny.onnx").path
        try TinyONNX.write(to: URL(fileURLWithPath: modelPath))
    }

    private func box(_ x: Double, _ y: Double) -> [Point] {
        [Point(x: x, y: y), Point(x: x + 40, y: y), Point(x: x + 40, y: y + 30), Point(x: x, y: y + 30)]
    }

    /// Red at x 10, green at x 60, blue at x 110, all 40x30 at y 10.
    private func threeColours() throws -> (Image, [ParkingSpace]) {
        var canvas = Canvas(width: 160, height: 50, fill: (128, 128, 128))
        let colours: [(UInt8, UInt8, UInt8)] = [(0, 0, 255), (0, 255, 0), (255, 0, 0)]
        for (index, colour) in colours.enumerated() {
            let x = 10.0 + 50 * Double(index)
            canvas.fillConvex([(x - 2, 8), (x + 42, 8), (x + 42, 42), (x - 2, 42)], colour: colour)
        }
        let spaces = ["red", "green", "blue"].enumerated().map { ParkingSpace(id: $1, polygon: box(10 + 50 * Double($0), 10)) }
        return (try canvas.image(), spaces)
    }

    @Test func scoresFollowTheCropsInOrder() throws {
        let (image, spaces) = try threeColours()
        let classifier = try SpaceClassifier(modelPath: modelPath)
        let scores = try classifier.classifyBlocking(image, spaces: spaces + [spaces[0]])
        #expect(scores.map(\.spaceID) == ["red", "green", "blue", "red"])
        #expect(scores[0].occupiedProbability > 0.999 && scores[3].occupiedProbability > 0.999)
        #expect(scores[1].occupiedProbability < 0.001)
        #expect(abs(scores[2].occupiedProbability - 0.5) < 0.01)
        // Grey levels of pure red / green / blue (BT.601 weights), and no texture at all.
        #expect(abs(scores[0].brightness - 76) < 1.5 && abs(scores[1].brightness - 150) < 1.5 && abs(scores[2].brightness - 29) < 1.5)
        #expect(scores.allSatisfy { $0.sharpness < 1e-6 })
    }

    @Test func asyncMatchesBlockingAndTextureRaisesSharpness() async throws {
        let (image, spaces) = try threeColours()
        let classifier = try SpaceClassifier(modelPath: modelPath)
        // A space straddling the red/grey border has an edge, so its Laplacian varies.
        let edge = ParkingSpace(id: "edge", polygon: box(30, 10))
        let viaAsync = try await classifier.classify(image, spaces: spaces + [edge])
        #expect(viaAsync == (try classifier.classifyBlocking(image, spaces: spaces + [edge])))
        #expect(viaAsync[3].sharpness > 5)
        #expect(try await classifier.classify(image, spaces: []) == [])
    }

    /// A far space is a few pixels wide: enlarged to the crop it blurs (Laplacian variance about
    /// 1, under `minSharpness`), yet the camera sees its texture, so it is no covered lens.
    @Test func aSmallSpaceIsSharpAtItsOwnSize() throws {
        var canvas = Canvas(width: 60, height: 40, fill: (128, 128, 128))
        for stripe in 0..<4 {
            let x = 10.0 + 3 * Double(stripe)
            let level: UInt8 = stripe % 2 == 0 ? 120 : 136
            canvas.fillConvex([(x - 0.5, 9.5), (x + 2.5, 9.5), (x + 2.5, 21.5), (x - 0.5, 21.5)], colour: (level, level, level))
        }
        let small = ParkingSpace(id: "far", polygon: [Point(x: 10, y: 10), Point(x: 22, y: 10), Point(x: 22, y: 22), Point(x: 10, y: 22)])
        let scores = try SpaceClassifier(modelPath: modelPath).classifyBlocking(try canvas.image(), spaces: [small])
        #expect(scores[0].sharpness > 50)
        #expect(abs(scores[0].brightness - 128) < 2)
    }

    @Test func manySpacesInOneBatch() throws {
        let mask = TestResources.dataset("seed-lot/mask_1920_1080.png")
        let layout = try LayoutImport.fromMask(mask)
        let image = try Image(contentsOfFile: mask.path)
        let scores = try SpaceClassifier(modelPath: modelPath).classifyBlocking(image, spaces: layout.spaces)
        #expect(scores.count == 396 && scores.map(\.spaceID) == layout.spaces.map(\.id))
        // Each crop is the inside of a white space: bright, grey (R = G), so the stand-in says 0.5.
        #expect(scores.allSatisfy { $0.brightness > 200 && abs($0.occupiedProbability - 0.5) < 0.05 })
    }

    @Test func modelProblemsAreNamed() throws {
        let missing = folder.path("none.onnx").path
        #expect(throws: SpacesError.classifierNotFound(path: missing)) { try SpaceClassifier(modelPath: missing) }
        let garbage = folder.path("garbage.onnx")
        try Data("not a network".utf8).write(to: garbage)
        let loadError = try #require(throws: SpacesError.self) { try SpaceClassifier(modelPath: garbage.path) }
        guard case .classifierLoadFailed(let path, _) = loadError else { Issue.record("got \(loadError)"); return }
        #expect(path == garbage.path)
    }

    @Test func logitsInsteadOfProbabilitiesAreRefused() throws {
        let logits = folder.path("logits.onnx")
        try TinyONNX.write(to: logits, softmax: false)
        let (image, spaces) = try threeColours()
        let error = try #require(throws: SpacesError.self) {
            try SpaceClassifier(modelPath: logits.path).classifyBlocking(image, spaces: spaces)
        }
        #expect(error.description.contains("is not a softmax pair"))
    }

    @Test func aSpaceWithTooFewPointsIsNamed() throws {
        let (image, spaces) = try threeColours()
        let bad = ParkingSpace(id: "Z9", polygon: [Point(x: 1, y: 1), Point(x: 5, y: 5)])
        #expect(throws: SpacesError.invalidSpace(id: "Z9", reason: "a crop needs at least 3 finite points, has 2")) {
            try SpaceClassifier(modelPath: modelPath).classifyBlocking(image, spaces: spaces + [bad])
        }
    }
}
