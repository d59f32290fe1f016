import Testing
import ParkWatchVision

@Suite("Merging boxes into vehicles")
struct NonMaxSuppressionTests {
    let suppression = NonMaxSuppression(iouThreshold: 0.45, mergeOverlap: 0.6)

    private func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ score: Double, _ label: String = "car") -> VehicleBox {
        VehicleBox(x: x, y: y, w: w, h: h, score: score, label: label)
    }

    @Test func carAndTruckOnOneVehicleCountOnce() {
        let kept = suppression.apply([box(104, 98, 84, 54, 0.6, "truck"), box(100, 100, 80, 50, 0.8, "car")])
        #expect(kept == [box(100, 100, 80, 50, 0.8, "car")])
    }

    @Test func adjacentCarsWithSmallOverlapStayTwo() {
        // Side by side, sharing a 10 px strip: IoU 0.07, intersection over the smaller 0.125.
        let kept = suppression.apply([box(100, 100, 80, 50, 0.9), box(170, 100, 80, 50, 0.7)])
        #expect(kept.count == 2)
    }

    @Test func overlappingCarsInAnObliqueRowStayTwo() {
        // The densest pair measured on PKLot UFPR05 (frame 07:10): distinct cars, IoS 0.13.
        let kept = suppression.apply([box(299, 83, 81, 51, 0.84), box(288, 50, 66, 39, 0.42)])
        #expect(kept.count == 2)
    }

    @Test func seamFragmentInsideTheWholeBoxCountsOnce() {
        // The left half of a car, cut by a tile edge: IoU 0.5 at most, but all of it lies inside the whole box.
        let whole = box(100, 100, 80, 50, 0.5)
        let fragment = box(100, 102, 36, 46, 0.9)
        #expect(suppression.apply([whole, fragment]).count == 1)
        // Given as a fragment, it cannot displace the whole box even with the higher score.
        #expect(suppression.apply([whole], fragments: [fragment]) == [whole])
    }

    @Test func fragmentSurvivesWhereNoWholeBoxSawTheVehicle() {
        let fragment = box(500, 300, 40, 50, 0.6)
        let kept = suppression.apply([box(100, 100, 80, 50, 0.9)], fragments: [fragment, box(502, 301, 38, 48, 0.4)])
        #expect(kept == [box(100, 100, 80, 50, 0.9), fragment])
    }

    @Test func keepsHighestScoreFirstAndHandlesEmptyInput() {
        #expect(suppression.apply([]).isEmpty)
        let kept = suppression.apply([box(0, 0, 10, 10, 0.3), box(50, 0, 10, 10, 0.9), box(100, 0, 10, 10, 0.6)])
        #expect(kept.map(\.score) == [0.9, 0.6, 0.3])
    }
}
