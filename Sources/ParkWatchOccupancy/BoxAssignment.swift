import ParkWatchSpaces
import ParkWatchVision

/// Which space each vehicle box stands in. One vehicle stands in one space; where its footprint
/// lies in the box depends on the view (the centre from above, near the bottom from a low
/// camera), which the reader does not know, so points down the box's vertical centre line vote.
package enum BoxAssignment {
    /// Heights down the box (0 top, 1 bottom) of the voting points.
    static let voteHeights = [0.5, 0.6, 0.7, 0.8, 0.9]

    /// For each space in layout order, whether a box stands in it. A box goes to the space holding
    /// most of its points (ties: the space it covers most, then layout order), and counts only if
    /// it is at least `smallestBoxShare` of that space's area: a shrub, a lamp or a person is not
    /// a vehicle parked there, and a parked car's box is at least about half its space's area.
    static func anchored(_ boxes: [VehicleBox], spaces: [ParkingSpace], settings: SpaceDecisionSettings) -> [Bool] {
        let areas = spaces.map { PolygonGeometry.area($0.polygon) }
        let homes = boxes.map { space(of: $0, spaces: spaces, areas: areas) }
        return anchorScores(boxes, homes: homes, areas: areas, settings: settings).map { $0 != nil }
    }

    /// For each space, the highest score of the boxes standing in it (as `anchored` counts them),
    /// with the spaces' areas and each box's space (`space(of:spaces:areas:)`, nil for none) known,
    /// as a frame's evidence has them; nil: none.
    static func anchorScores(_ boxes: [VehicleBox], homes: [Int?], areas: [Double], settings: SpaceDecisionSettings) -> [Double?] {
        var scores = [Double?](repeating: nil, count: areas.count)
        for (box, home) in zip(boxes, homes) {
            guard let index = home, box.w * box.h >= settings.smallestBoxShare * areas[index] else { continue }
            scores[index] = max(scores[index] ?? 0, box.score)
        }
        return scores
    }

    /// For each space in layout order, whether a box's centre lies inside it: the box-centre rule
    /// general vision libraries are bent to.
    package static func centred(_ boxes: [VehicleBox], spaces: [ParkingSpace]) -> [Bool] {
        let centres = boxes.map { Point(x: $0.x + $0.w / 2, y: $0.y + $0.h / 2) }
        return spaces.map { space in centres.contains { PolygonGeometry.contains($0, in: space.polygon) } }
    }

    /// For each space in layout order, whether a box's centre lies inside it and, where outlines
    /// overlap there (spaces drawn as boxes around them, or loosely), the classifier reads this
    /// space the likeliest taken of those holding it: one box is one vehicle, in one space.
    static func centredInLikeliest(_ boxes: [VehicleBox], spaces: [ParkingSpace], probabilities: [Double]) -> [Bool] {
        var centred = Array(repeating: false, count: spaces.count)
        let probability = { (index: Int) in index < probabilities.count ? probabilities[index] : 0 }
        for box in boxes {
            let centre = Point(x: box.x + box.w / 2, y: box.y + box.h / 2)
            let holding = spaces.indices.filter { PolygonGeometry.contains(centre, in: spaces[$0].polygon) }
            if let likeliest = holding.max(by: { probability($0) < probability($1) }) { centred[likeliest] = true }
        }
        return centred
    }

    static func space(of box: VehicleBox, spaces: [ParkingSpace], areas: [Double]) -> Int? {
        let points = voteHeights.map { Point(x: box.x + box.w / 2, y: box.y + $0 * box.h) }
        var best: (index: Int, votes: Int, cover: Double)?
        for (index, space) in spaces.enumerated() {
            let votes = points.filter { PolygonGeometry.contains($0, in: space.polygon) }.count
            guard votes > 0, votes >= best?.votes ?? 0 else { continue }
            let cover = areas[index] > 0 ? PolygonGeometry.intersectionArea(polygon: space.polygon, rect: (box.x, box.y, box.w, box.h)) / areas[index] : 0
            if let best, votes == best.votes, cover <= best.cover { continue }
            best = (index, votes, cover)
        }
        return best?.index
    }
}
