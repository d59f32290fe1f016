import Testing
@testable import ParkWatchSpaces

@Suite("Polygon geometry")
struct GeometryTests {
    private func points(_ pairs: [(Double, Double)]) -> [Point] { pairs.map { Point(x: $0.0, y: $0.1) } }

    @Test func areaOfHandCheckedShapes() {
        #expect(PolygonGeometry.area(points([(0, 0), (4, 0), (4, 3), (0, 3)])) == 12)
        // Same rectangle wound the other way: area is unsigned.
        #expect(PolygonGeometry.area(points([(0, 0), (0, 3), (4, 3), (4, 0)])) == 12)
        #expect(PolygonGeometry.area(points([(0, 0), (10, 0), (0, 10)])) == 50)
        // L shape: 4x4 square minus its 2x2 top-right corner = 12 (concave).
        #expect(PolygonGeometry.area(points([(0, 0), (2, 0), (2, 2), (4, 2), (4, 4), (0, 4)])) == 12)
        #expect(PolygonGeometry.area(points([(0, 0), (1, 1)])) == 0)
    }

    @Test func intersectionWithARectangle() {
        let square = points([(0, 0), (10, 0), (10, 10), (0, 10)])
        // Box covering the right half.
        #expect(PolygonGeometry.intersectionArea(polygon: square, rect: (x: 5, y: -5, w: 20, h: 20)) == 50)
        // Box wholly inside: its own area.
        #expect(PolygonGeometry.intersectionArea(polygon: square, rect: (x: 2, y: 2, w: 3, h: 4)) == 12)
        // Box wholly containing the square: the square's area.
        #expect(PolygonGeometry.intersectionArea(polygon: square, rect: (x: -1, y: -1, w: 100, h: 100)) == 100)
        // Disjoint and degenerate boxes.
        #expect(PolygonGeometry.intersectionArea(polygon: square, rect: (x: 20, y: 20, w: 5, h: 5)) == 0)
        #expect(PolygonGeometry.intersectionArea(polygon: square, rect: (x: 2, y: 2, w: 0, h: 5)) == 0)
    }

    @Test func intersectionOfATriangleAndAConcaveShape() {
        // Right triangle (0,0),(10,0),(0,10) cut by x >= 5: the corner triangle (5,0),(10,0),(5,5) = 12.5.
        let triangle = points([(0, 0), (10, 0), (0, 10)])
        #expect(abs(PolygonGeometry.intersectionArea(polygon: triangle, rect: (x: 5, y: 0, w: 10, h: 10)) - 12.5) < 1e-9)
        // L shape of area 12; the box over its top-right quadrant (the missing corner) holds nothing.
        let ell = points([(0, 0), (2, 0), (2, 2), (4, 2), (4, 4), (0, 4)])
        #expect(PolygonGeometry.intersectionArea(polygon: ell, rect: (x: 2, y: 0, w: 2, h: 2)) == 0)
        // The bottom half of the L is a full 4x2 bar.
        #expect(PolygonGeometry.intersectionArea(polygon: ell, rect: (x: 0, y: 2, w: 4, h: 2)) == 8)
    }

    @Test func intersectionWithAConvexPolygon() {
        let square = points([(0, 0), (10, 0), (10, 10), (0, 10)])
        // A diamond centred on the square's corner (10, 10): a quarter of its area 50 lies inside.
        let diamond = points([(10, 5), (15, 10), (10, 15), (5, 10)])
        #expect(abs(PolygonGeometry.intersectionArea(polygon: square, convex: diamond) - 12.5) < 1e-9)
        // Either winding of the convex polygon, and the other way round.
        #expect(abs(PolygonGeometry.intersectionArea(polygon: square, convex: diamond.reversed()) - 12.5) < 1e-9)
        #expect(abs(PolygonGeometry.intersectionArea(polygon: diamond, convex: square) - 12.5) < 1e-9)
        // The L shape (concave) against a rectangle agrees with the rectangle clip.
        let ell = points([(0, 0), (2, 0), (2, 2), (4, 2), (4, 4), (0, 4)])
        #expect(PolygonGeometry.intersectionArea(polygon: ell, convex: points([(0, 2), (4, 2), (4, 4), (0, 4)])) == 8)
        #expect(PolygonGeometry.intersectionArea(polygon: square, convex: points([(20, 20), (30, 20), (30, 30)])) == 0)
    }

    @Test func shareOfASlantedSpaceCoveredByABox() {
        // Parallelogram of area 10 * 4 = 40; a box over x in 0...5 covers exactly half of it by symmetry.
        let slanted = points([(0, 0), (10, 0), (12, 4), (2, 4)])
        #expect(PolygonGeometry.area(slanted) == 40)
        let covered = PolygonGeometry.intersectionArea(polygon: slanted, rect: (x: -10, y: -10, w: 16, h: 30))
        #expect(abs(covered / 40 - 0.5) < 1e-9)
    }

    @Test func centroidOfARectangleAndAnL() {
        #expect(PolygonGeometry.centroid(points([(0, 0), (4, 0), (4, 2), (0, 2)])) == Point(x: 2, y: 1))
        // L = 4x2 bar at y 2..4 (centre (2,3), area 8) + 2x2 block at (0..2, 0..2) (centre (1,1), area 4).
        let ell = PolygonGeometry.centroid(points([(0, 0), (2, 0), (2, 2), (4, 2), (4, 4), (0, 4)]))
        #expect(abs(ell.x - 20.0 / 12) < 1e-9 && abs(ell.y - 28.0 / 12) < 1e-9)
    }
}
