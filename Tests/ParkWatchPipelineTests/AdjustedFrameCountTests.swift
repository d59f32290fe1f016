import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// In a frame adjusted before detection, or a crowded one, faint boxes from the detector's
/// adjusted threshold count as vehicles: a sharpened frame's stand as boxes for the spaces, a
/// lifted or crowded one's stay faint for them; in another frame read as taken they are not counted.
@Suite struct AdjustedFrameCountTests {
    /// `vehicles` vehicle boxes and two faint ones, on either side of 0.25, wherever it looks.
    struct FaintFinder: VehicleCounter {
        let adjustedScoreThreshold: Double?
        var crowdedFrom: Int?
        var vehicles = 1

        func detect(_ image: Image) async throws -> Detections {
            let box = { (x: Double, y: Double, score: Double) in VehicleBox(x: x, y: y, w: 60, h: 40, score: score, label: "car") }
            let boxes = (0..<vehicles).map { box(Double(100 + 70 * $0), 100, 0.6) }
            return Detections(boxes: boxes, passes: 1, faint: [box(400, 300, 0.27), box(700, 300, 0.18)])
        }
    }

    func read(_ image: Image, threshold: Double?, crowdedFrom: Int? = nil, vehicles: Int = 1) async throws -> FrameReading {
        let finder = FaintFinder(adjustedScoreThreshold: threshold, crowdedFrom: crowdedFrom, vehicles: vehicles)
        let reader = FrameReader(detector: finder, spaces: nil, options: .singleFrames)
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

    @Test func aCrowdedFrameCountsItsFaintBoxesAsTakenLeavingThemFaintForTheSpaces() async throws {
        let frame = try Image(contentsOfFile: try #require(TestResources.pklotDay1.last).path)

        let crowded = try await read(frame, threshold: 0.25, crowdedFrom: 10, vehicles: 10)
        #expect(crowded.adjustment == nil && crowded.vehicles == 11 && crowded.boxes.count == 10)
        #expect(crowded.countedFaint.map(\.score) == [0.27] && crowded.faintBoxes.map(\.score) == [0.27, 0.18])

        let fewer = try await read(frame, threshold: 0.25, crowdedFrom: 10, vehicles: 9)
        #expect(fewer.vehicles == 9 && fewer.countedFaint.isEmpty)

        let noCrowdSize = try await read(frame, threshold: 0.25, vehicles: 10)
        #expect(noCrowdSize.vehicles == 10 && noCrowdSize.countedFaint.isEmpty)
    }
}
