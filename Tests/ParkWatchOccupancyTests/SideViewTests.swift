import Foundation
import ParkWatchSpaces
import ParkWatchVision
import Testing

@testable import ParkWatchOccupancy

/// A camera facing one row sees its spaces at one size, as a top-down one does, yet from the
/// side, where the detector boxes its cars: there a missing box is evidence too.
@Suite struct SideViewTests {
    let settings = SpaceDecisionSettings.default

    /// Six spaces of one size side by side, 50 x 40 px each.
    func row(view: CameraView? = nil) -> LotLayout {
        var layout = LotLayout(spaces: (0..<6).map { index in
            let left = Double(index) * 50
            return ParkingSpace(id: "\(index)", polygon: [Point(x: left, y: 0), Point(x: left + 50, y: 0), Point(x: left + 50, y: 40), Point(x: left, y: 40)])
        })
        layout.view = view
        return layout
    }

    func car(in space: Int) -> VehicleBox { VehicleBox(x: Double(space) * 50 + 5, y: 4, w: 40, h: 32, score: 0.8, label: "car") }

    /// Cars in spaces 0 and 1, which the classifier also sees, and a stain in space 4 it calls
    /// occupied (0.95) with no box near it.
    let probabilities = [0.99, 0.97, 0.05, 0.05, 0.95, 0.05]

    @Test func aFrameWhoseCarsAreBoxedIsJudgedAsAViewWithDepth() {
        let frame = FrameEvidence(layout: row(), boxes: [car(in: 0), car(in: 1)], probabilities: probabilities, settings: settings)
        #expect(frame.evidence(of: 4, probability: 0.95).unboxed)
        #expect(!frame.evidence(of: 0, probability: 0.99).unboxed && frame.evidence(of: 0, probability: 0.99).anchored)
        let stain = SpaceDecider.decide(
            SpaceScore(spaceID: "4", occupiedProbability: 0.95, brightness: 120, sharpness: 50),
            evidence: frame.evidence(of: 4, probability: 0.95), coverage: 0, weights: .prior(settings: settings), settings: settings)
        #expect(stain.state == .free)
    }

    @Test func fromAboveOrWithTooFewBoxesTheMissingBoxSaysNothing() {
        // No box at all, as COCO detectors see a lot from straight above.
        let above = FrameEvidence(layout: row(), boxes: [], probabilities: probabilities, settings: settings)
        #expect(!above.evidence(of: 4, probability: 0.95).unboxed)
        // One box: one vehicle is not yet a view the detector sees.
        let one = FrameEvidence(layout: row(), boxes: [car(in: 0)], probabilities: probabilities, settings: settings)
        #expect(!one.evidence(of: 4, probability: 0.95).unboxed)
        // Boxes in 2 of the 5 spaces the classifier is sure of: the detector misses most of them.
        let sure = [0.99, 0.97, 0.96, 0.95, 0.95, 0.05]
        let few = FrameEvidence(layout: row(), boxes: [car(in: 0), car(in: 1)], probabilities: sure, settings: settings)
        #expect(!few.evidence(of: 4, probability: 0.95).unboxed)
        // A layout that says it is seen from above is taken at its word.
        let declared = FrameEvidence(layout: row(view: .topDown), boxes: [car(in: 0), car(in: 1)], probabilities: probabilities, settings: settings)
        #expect(!declared.evidence(of: 4, probability: 0.95).unboxed)
    }

    @Test func aCameraWhoseDetectorBoxedItsCarsKeepsTheMissingBoxOnAnEmptyLot() throws {
        let boxed = decisions(probabilities, boxes: [car(in: 0), car(in: 1)])
        var history = HistoryAdaptation()
        for _ in 0..<2 { history.learnView(from: boxed, settings: settings) }
        #expect(!history.seesVehicles)
        history.learnView(from: boxed, settings: settings)
        #expect(history.seesVehicles)
        // It is stored with the camera's history, and a history stored without it starts at none.
        let stored = try JSONDecoder().decode(HistoryAdaptation.self, from: JSONEncoder().encode(history))
        #expect(stored.seesVehicles && stored.sideViewFrames == 3)
        let older = try JSONDecoder().decode(HistoryAdaptation.self, from: Data(#"{"free":[],"occupied":[],"frames":4}"#.utf8))
        #expect(older.sideViewFrames == 0)
        // An empty lot: no box anywhere, the stain alone. Without the camera's memory the classifier decides.
        let empty = [0.05, 0.05, 0.05, 0.05, 0.95, 0.05]
        let alone = FrameEvidence(layout: row(), boxes: [], probabilities: empty, settings: settings)
        let remembered = FrameEvidence(layout: row(), boxes: [], probabilities: empty, sideView: true, settings: settings)
        #expect(!alone.evidence(of: 4, probability: 0.95).unboxed && remembered.evidence(of: 4, probability: 0.95).unboxed)
    }

    /// A frame whose classifier is sure of fewer than half the spaces does not look as a frame
    /// from above does: the spaces it doubts meet the missing box, as the box-centre rule reads
    /// them, and the ones it is sure of keep its verdict. Sure of half or more, with no box
    /// standing in them, the classifier decides, as from above.
    @Test func theDoubtfulSpacesOfAFrameThatDoesNotLookFromAboveMeetTheMissingBox() {
        let quiet = decisions([0.05, 0.05, 0.8, 0.05, 0.7, 0.05], boxes: [])
        #expect(quiet[2].evidence.unboxed && quiet[4].evidence.unboxed)
        #expect(quiet.allSatisfy { $0.state == .free })
        // A car boxed in space 0, and one space the classifier is sure of with no box: it stays taken.
        let oneCar = decisions([0.99, 0.05, 0.8, 0.05, 0.95, 0.05], boxes: [car(in: 0)])
        #expect(oneCar.map(\.state) == [.occupied, .free, .free, .free, .occupied, .free])
        #expect(!oneCar[4].evidence.unboxed)
        // Sure of half the spaces and no box: the classifier decides, a doubtful car too.
        let above = decisions([0.99, 0.97, 0.95, 0.2, 0.05, 0.8], boxes: [])
        #expect(!above[5].evidence.unboxed && above[5].state == .occupied)
        // These frames do not teach the camera that its detector sees its vehicles.
        var history = HistoryAdaptation()
        for _ in 0..<HistoryAdaptation.sideViewFramesNeeded { history.learnView(from: quiet, settings: settings) }
        #expect(!history.seesVehicles)
    }

    /// The row's decisions in one frame under the prior, from the classifier's probabilities and the boxes.
    private func decisions(_ probabilities: [Double], boxes: [VehicleBox]) -> [SpaceDecision] {
        let layout = row()
        let frame = FrameEvidence(layout: layout, boxes: boxes, probabilities: probabilities, settings: settings)
        return layout.spaces.indices.map { index in
            SpaceDecider.decide(
                SpaceScore(spaceID: layout.spaces[index].id, occupiedProbability: probabilities[index], brightness: 120, sharpness: 50),
                evidence: frame.evidence(of: index, probability: probabilities[index]), coverage: frame.coverages[index],
                weights: .prior(settings: settings), settings: settings)
        }
    }
}
