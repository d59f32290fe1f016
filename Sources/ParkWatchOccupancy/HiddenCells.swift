import ParkWatchSpaces
import ParkWatchVision

/// Which cells of a space's `EmptyLooks.side`² crop a box standing elsewhere may hide: a car
/// parked in front of a far space covers part of it, and that part says nothing about the space.
/// The rest of the crop is compared with the space's empty looks.
package enum HiddenCells {
    /// For each space in layout order, its visible cells (true: compare), or nil where no box
    /// standing elsewhere reaches it, or where the space is not among `ids` (nil: every space). A
    /// box standing in the space itself hides nothing: the space is then not compared at all.
    package static func visible(_ boxes: [VehicleBox], spaces: [ParkingSpace], only ids: Set<String>? = nil) -> [[Bool]?] {
        let areas = spaces.map { PolygonGeometry.area($0.polygon) }
        let homes = boxes.map { BoxAssignment.space(of: $0, spaces: spaces, areas: areas) }
        return spaces.indices.map { index -> [Bool]? in
            let space = spaces[index]
            if let ids, !ids.contains(space.id) { return nil }
            let foreign = boxes.indices.filter { homes[$0] != index }.map { boxes[$0] }.filter {
                PolygonGeometry.intersectionArea(polygon: space.polygon, rect: ($0.x, $0.y, $0.w, $0.h)) > 0
            }
            guard !foreign.isEmpty, let quad = try? SpaceCropper.quad(for: space) else { return nil }
            return cells(of: quad).map { point in !foreign.contains { box in box.contains(point) } }
        }
    }

    /// Each cell's centre in image pixels, row by row: the quad [top-left, top-right,
    /// bottom-right, bottom-left] is the crop's square, as the cropper warps it.
    static func cells(of quad: [Point]) -> [Point] {
        let side = EmptyLooks.side
        let map = SquareToQuad(quad)
        return (0..<side * side).map { index in
            map.point(u: (Double(index % side) + 0.5) / Double(side), v: (Double(index / side) + 0.5) / Double(side))
        }
    }
}

/// The projective map of the unit square onto a quad (Heckbert, "Fundamentals of Texture
/// Mapping", 1989): (0,0), (1,0), (1,1), (0,1) go to the quad's four corners in order.
struct SquareToQuad {
    let a, b, c, d, e, f, g, h: Double

    init(_ quad: [Point]) {
        let (x0, y0, x1, y1) = (quad[0].x, quad[0].y, quad[1].x, quad[1].y)
        let (x2, y2, x3, y3) = (quad[2].x, quad[2].y, quad[3].x, quad[3].y)
        let (dx3, dy3) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3)
        let (dx1, dy1, dx2, dy2) = (x1 - x2, y1 - y2, x3 - x2, y3 - y2)
        let det = dx1 * dy2 - dx2 * dy1
        if (dx3 == 0 && dy3 == 0) || det == 0 {
            (g, h) = (0, 0)
        } else {
            g = (dx3 * dy2 - dx2 * dy3) / det
            h = (dx1 * dy3 - dx3 * dy1) / det
        }
        (a, b, c) = (x1 - x0 + g * x1, x3 - x0 + h * x3, x0)
        (d, e, f) = (y1 - y0 + g * y1, y3 - y0 + h * y3, y0)
    }

    func point(u: Double, v: Double) -> Point {
        let w = g * u + h * v + 1
        return Point(x: (a * u + b * v + c) / w, y: (d * u + e * v + f) / w)
    }
}

extension VehicleBox {
    func contains(_ point: Point) -> Bool {
        point.x >= x && point.x <= x + w && point.y >= y && point.y <= y + h
    }
}
