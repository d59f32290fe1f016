import Foundation
import Testing
@testable import ParkWatchSpaces

@Suite("Space crops (docs/space-crops.md)")
struct CropTests {
    private func points(_ pairs: [(Double, Double)]) -> [Point] { pairs.map { Point(x: $0.0, y: $0.1) } }

    @Test func cornersFollowTheSumAndDifferenceRule() {
        // PKLot UFPR05 space 1 as the XML lists it (starting bottom-left, going anticlockwise).
        let listed = points([(608, 613), (741, 654), (775, 582), (608, 526)])
        #expect(SpaceCropper.orderCorners(listed) == points([(608, 526), (775, 582), (741, 654), (608, 613)]))
        // Any starting point and direction gives the same order.
        #expect(SpaceCropper.orderCorners(listed.reversed()) == SpaceCropper.orderCorners(listed))
        #expect(SpaceCropper.orderCorners(points([(9, 9), (0, 9), (0, 0), (9, 0)])) == points([(0, 0), (9, 0), (9, 9), (0, 9)]))
    }

    @Test func aSquareTurnedFortyFiveDegreesFallsBackToClockwise() {
        // The rule names (0,50) both top-left and bottom-left here; the fallback goes clockwise from (50,0).
        let diamond = points([(0, 50), (50, 0), (100, 50), (50, 100)])
        #expect(SpaceCropper.orderCorners(diamond) == points([(50, 0), (100, 50), (50, 100), (0, 50)]))
    }

    @Test func fourPointPolygonIsItsOwnQuadOthersUseMinAreaRect() throws {
        let four = ParkingSpace(id: "q", polygon: points([(10, 40), (12, 10), (50, 12), (48, 38)]))
        #expect(try SpaceCropper.quad(for: four) == points([(12, 10), (50, 12), (48, 38), (10, 40)]))
        // A rectangle with an extra point on its top edge: minAreaRect gives back the rectangle.
        let five = ParkingSpace(id: "p", polygon: points([(10, 10), (30, 10), (50, 10), (50, 30), (10, 30)]))
        let quad = try SpaceCropper.quad(for: five)
        let expected = points([(10, 10), (50, 10), (50, 30), (10, 30)])
        for (got, want) in zip(quad, expected) { #expect(abs(got.x - want.x) < 1e-3 && abs(got.y - want.y) < 1e-3, "\(quad)") }
        #expect(throws: SpacesError.invalidSpace(id: "two", reason: "a crop needs at least 3 finite points, has 2")) {
            try SpaceCropper.quad(for: ParkingSpace(id: "two", polygon: points([(0, 0), (5, 5)])))
        }
    }

    @Test func knownWarpGivesTheQuadsColoursTheRightWayUp() throws {
        // A slanted quad, top half red and bottom half green, on blue; its crop must be red over green.
        var canvas = Canvas(width: 200, height: 150, fill: (255, 0, 0))
        let (tl, tr, br, bl) = ((60.0, 30.0), (140.0, 50.0), (130.0, 110.0), (50.0, 90.0))
        let (leftMid, rightMid) = ((55.0, 60.0), (135.0, 80.0))
        canvas.fillConvex([tl, tr, rightMid, leftMid], colour: (0, 0, 255))
        canvas.fillConvex([leftMid, rightMid, br, bl], colour: (0, 255, 0))
        let image = try canvas.image()
        // Listed in a scrambled order: the cropper orders the corners itself.
        let space = ParkingSpace(id: "s", polygon: points([br, tl, bl, tr]))
        let crop = try SpaceCropper().crop(image, space: space)
        #expect(crop.size == 64 && crop.bgr.count == 64 * 64 * 3)
        for x in stride(from: 4, to: 60, by: 5) {
            #expect(crop.pixel(x: x, y: 12) == (0, 0, 255), "row 12 column \(x) is not red")
            #expect(crop.pixel(x: x, y: 52) == (0, 255, 0), "row 52 column \(x) is not green")
        }
        let mean = crop.meanColour
        #expect(mean.blue < 20 && mean.red > 100 && mean.green > 100, "the crop strays outside the quad: \(mean)")
    }

    /// A space far larger than the crop (a high camera's near row) is averaged down, not sampled:
    /// a bilinear warp alone reads a few of its pixels and turns fine texture into stripes.
    @Test func aLargeSpacesFineTextureAveragesInsteadOfAliasing() throws {
        var canvas = Canvas(width: 600, height: 600, fill: (128, 128, 128))
        canvas.checker(x: 20..<580, y: 20..<580)
        let space = ParkingSpace(id: "near", polygon: points([(40, 40), (555, 45), (560, 550), (45, 560)]))
        let crop = try SpaceCropper().crop(try canvas.image(), space: space)
        let levels = stride(from: 0, to: crop.bgr.count, by: 3).map { Int(crop.bgr[$0]) }
        let spread = levels.map { abs($0 - 128) }.max() ?? 255
        #expect(spread < 8, "the checkerboard aliases: levels stray \(spread) from its mean grey")
    }
}

