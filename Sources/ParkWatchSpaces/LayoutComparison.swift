import Foundation

/// How well proposed spaces match the spaces someone drew: a drawn space is found when a proposal
/// covers it with an intersection over union of at least `threshold`; a proposal that covers no
/// drawn space that well is not a space.
package struct LayoutComparison: Sendable, Equatable, Encodable {
    /// The drawn spaces.
    package var spaces: Int
    package var proposals: Int
    /// Ids of the drawn spaces some proposal covers.
    package var found: [String]
    /// Ids of the proposals that cover no drawn space.
    package var notSpaces: [String]
    package var threshold: Double

    private enum CodingKeys: String, CodingKey {
        case spaces, proposals, found, threshold
        case notSpaces = "not_spaces"
    }

    package init(proposed: [ParkingSpace], drawn: [ParkingSpace], threshold: Double = 0.5) {
        let overlaps = proposed.map { proposal in drawn.map { Self.overlap(proposal.polygon, $0.polygon) } }
        spaces = drawn.count
        proposals = proposed.count
        self.threshold = threshold
        found = drawn.indices.filter { index in overlaps.contains { $0[index] >= threshold } }.map { drawn[$0].id }
        notSpaces = proposed.indices.filter { !(overlaps[$0].contains { $0 >= threshold }) }.map { proposed[$0].id }
    }

    /// Intersection over union of two polygons, counted on the pixel grid (pixel centres): exact
    /// enough at the size of a parking space, and right for any polygon, convex or not.
    static func overlap(_ a: [Point], _ b: [Point]) -> Double {
        guard let boundsA = PolygonGeometry.bounds(a), let boundsB = PolygonGeometry.bounds(b),
              boundsA.minX < boundsB.maxX, boundsB.minX < boundsA.maxX, boundsA.minY < boundsB.maxY, boundsB.minY < boundsA.maxY
        else { return 0 }
        guard let union = PolygonGeometry.bounds(a + b) else { return 0 }
        var shared = 0, either = 0
        for y in Int(union.minY.rounded(.down))...Int(union.maxY.rounded(.up)) {
            for x in Int(union.minX.rounded(.down))...Int(union.maxX.rounded(.up)) {
                let centre = Point(x: Double(x) + 0.5, y: Double(y) + 0.5)
                let inA = PolygonGeometry.contains(centre, in: a), inB = PolygonGeometry.contains(centre, in: b)
                if inA && inB { shared += 1 }
                if inA || inB { either += 1 }
            }
        }
        return either > 0 ? Double(shared) / Double(either) : 0
    }
}
