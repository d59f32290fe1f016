import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// In a frame adjusted before detection, faint boxes from the detector's adjusted threshold count
/// as vehicles: a sharpened frame's stand as boxes for the spaces, a lifted one's stay faint for
/// them; in a frame read as taken they are not counted.
@Suite struct AdjustedFrameCountTests {
    /// One vehicle box and two faint ones, on either side of 0.25, wherever it looks.
    struct FaintFinder: VehicleCounter {
        let adjustedScoreThreshold: Double?

        func detect(_ image: Image) async throws -> Detections {
            let box = { (x: Double, score: Double) in VehicleBox(x: x, y: 300, w: 60, h: 40, score: score, label: "car") }
            return Detections(boxes: [box(100, 0.6)], passes: 1, faint: [box(400, 0.27), box(700, 0.18)])
        }
    }

    func read(_ image: Image, threshold: Double?) async throws -> FrameReading {
        let reader = FrameReader(detector: FaintFinder(adjustedScoreThreshold: threshold), spaces: nil, options: .singleFrames)
        return try await reader.read(image, camera: "cam", layout: nil)
    }

    @Test func aDimFrameCountsItsFaintBoxesFromTheAdjustedThreshold() async throws {
        let frame = try Image(contentsOfFile: try #require(TestResources.pklotDay1.last).path)
        let dim = try frame.withGamma(3)

        let lifted = try await read(dim, threshold: 0.25)
        #expect(lifted.adjustment?.gamma != nil && lifted.vehicles == 2)
        #expect(lifted.boxes.map(\.score) == [0.6] && lifted.countedFaint.map(\.score) == [0.27])
        #expect(lifted.faintBoxes.map(\.score) == [0.27, 0.18] && lifted.countedBoxes.count == 2)

        let asTaken = try await read(frame, threshold: 0.25)
        #expect(asTaken.adjustment == nil && asTaken.vehicles == 1 && asTaken.countedFaint.isEmpty)

        let noThreshold = try await read(dim, threshold: nil)
        #expect(noThreshold.vehicles == 1 && noThreshold.faintBoxes.count == 2)
    }

    @Test func aSoftFrameTakesItsFaintBoxesInAsBoxes() async throws {
        let frame = try Image(contentsOfFile: try #require(TestResources.pklotDay1.last).path)
        let soft = try await read(try frame.blurred(sigma: 4), threshold: 0.25)
        #expect(soft.adjustment?.sharpened == true && soft.adjustment?.gamma == nil && soft.vehicles == 2)
        #expect(soft.boxes.map(\.score) == [0.6, 0.27] && soft.faintBoxes.map(\.score) == [0.18])
        #expect(soft.countedFaint.isEmpty)
    }
}
