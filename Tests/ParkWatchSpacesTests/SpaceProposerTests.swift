import Foundation
import ParkWatchSpaces
import ParkWatchVision
import Testing

/// Proposals from made-up boxes, where which spots are parked cars is known.
@Suite struct SpaceProposerTests {
    func car(_ x: Double, _ y: Double, w: Double = 100, h: Double = 60) -> VehicleBox {
        VehicleBox(x: x, y: y, w: w, h: h, score: 0.8, label: "car")
    }

    @Test func aCarParkedInSeveralPhotosIsOneSpaceAndAPassingOneIsNone() {
        let photos = [
            [car(100, 200), car(400, 50)],            // the second one drives by
            [car(103, 198)],
            [car(98, 202), car(600, 300)],            // and so does this one
        ]
        let proposals = SpaceProposer().propose(photos)
        #expect(proposals.map(\.photos) == [3])
        #expect(proposals.first?.space.id == "P1")
        // The median of each side: 100, 200 to 200, 260.
        #expect(proposals.first?.space.polygon == [Point(x: 100, y: 200), Point(x: 200, y: 200), Point(x: 200, y: 260), Point(x: 100, y: 260)])
    }

    @Test func neighboursAreSpacesOfTheirOwnInReadingOrder() {
        let row = [car(300, 100), car(190, 102), car(80, 98)]
        let below = [car(120, 400, w: 140, h: 90)]
        let proposals = SpaceProposer().propose([row + below, row, below + row])
        #expect(proposals.map(\.space.id) == ["P1", "P2", "P3", "P4"])
        #expect(proposals.map { $0.space.polygon[0].x } == [80, 190, 300, 120])
    }

    @Test func oneBoxPerSpotAndPhotoAndTheMinimumIsASetting() {
        // Two boxes of one photo on the same spot (a double detection) do not count as two photos.
        let proposals = SpaceProposer().propose([[car(100, 100), car(104, 101)]])
        #expect(proposals.isEmpty)
        var once = SpaceProposer()
        once.settings.minimumPhotos = 1
        #expect(once.propose([[car(100, 100)]]).count == 1)
    }

    @Test func theComparisonCountsDrawnSpacesFoundAndProposalsThatAreNot() {
        func square(_ id: String, _ x: Double, _ y: Double, side: Double = 10) -> ParkingSpace {
            ParkingSpace(id: id, polygon: [Point(x: x, y: y), Point(x: x + side, y: y), Point(x: x + side, y: y + side), Point(x: x, y: y + side)])
        }
        let drawn = [square("1", 0, 0), square("2", 20, 0), square("3", 40, 0)]
        // P1 is space 1; P2 overlaps space 2 by a third (IoU 50/150), too little; P3 lies apart.
        let proposed = [square("P1", 0, 0), square("P2", 25, 0), square("P3", 100, 100)]
        let comparison = LayoutComparison(proposed: proposed, drawn: drawn)
        #expect(comparison.found == ["1"])
        #expect(comparison.notSpaces == ["P2", "P3"])
        #expect(comparison.spaces == 3 && comparison.proposals == 3)
    }
}
