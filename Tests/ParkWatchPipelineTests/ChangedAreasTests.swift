@testable import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision
import Testing

/// A gated frame's boxes (and faint boxes): fresh where the detector looked again, known elsewhere.
@Suite struct ChangedAreasTests {
    func box(_ x: Double, _ y: Double) -> VehicleBox { VehicleBox(x: x, y: y, w: 40, h: 20, score: 0.9, label: "car") }

    @Test func freshBoxesReplaceKnownOnesOnlyInTheExaminedTiles() {
        let tile = PixelRect(x: 400, y: 200, width: 400, height: 300)
        let known = FrameBoxes(boxes: [box(10, 10), box(500, 300), box(700, 450)], faint: [box(900, 10), box(450, 250)])
        // The car at (500, 300) left; one came at (600, 400); the whole-frame pass saw (12, 10) again.
        // The faint box at (450, 250) is gone; one shows at (420, 210) and the pass saw (901, 10).
        let fresh = Detections(
            boxes: [box(600, 400), box(12, 10)], passes: 2, examined: [tile], faint: [box(420, 210), box(901, 10)])
        let merged = ChangedAreas.merge(fresh, known: known)
        #expect(merged.boxes == [box(10, 10), box(600, 400)])
        #expect(merged.faint == [box(900, 10), box(420, 210)])
        // A full detection stands as it is.
        let full = Detections(boxes: [box(1, 1)], passes: 13, faint: [box(2, 2)])
        #expect(ChangedAreas.merge(full, known: known) == FrameBoxes(boxes: [box(1, 1)], faint: [box(2, 2)]))
    }

    @Test func aChangedSpaceIsLookedAtWithRoomForTheCarAboveIt() throws {
        let space = ParkingSpace(id: "a", polygon: [Point(x: 100, y: 200), Point(x: 140, y: 200), Point(x: 140, y: 220), Point(x: 100, y: 220)])
        let layout = LotLayout(lot: "l", spaces: [space, ParkingSpace(id: "b", polygon: space.polygon)])
        let areas = ChangedAreas.around(["a"], in: layout)
        #expect(areas == [PixelRect(x: 80, y: 180, width: 81, height: 51)])
    }

    /// After the whole frame alone, the tiles look closer at a re-read space unless the classifier
    /// and the boxes agree on it: surely free with no box touching it, or surely taken with a box
    /// standing in it.
    @Test func onlySpacesTheWholeFrameLeavesInDoubtAreLookedAtCloser() {
        func decision(_ id: String, _ classifier: Double, coverage: Double = 0, anchored: Bool = false) -> SpaceDecision {
            SpaceDecision(
                spaceID: id, state: .free, confidence: 0.9, occupiedProbability: classifier, classifierProbability: classifier,
                coverage: coverage, evidence: SpaceEvidence(anchored: anchored))
        }
        let decisions = [
            decision("free", 0.05), decision("taken", 0.95, coverage: 0.8, anchored: true),
            decision("unseen car", 0.7), decision("doubted box", 0.1, coverage: 0.6, anchored: true),
            decision("touched", 0.1, coverage: 0.3), decision("unsure", 0.5, coverage: 0.5, anchored: true),
            decision("kept", 0.7),
        ]
        let fresh = Set(decisions.map(\.spaceID)).subtracting(["kept"])
        let unsettled = SpaceWeighing.unsettled(decisions, among: fresh, touchCoverage: 0.1)
        #expect(unsettled == ["unseen car", "doubted box", "touched", "unsure"])
    }
}
