import Foundation
import COpenCVShim
import ParkWatchVision

/// Turns a space's polygon into the quad and the S x S crop that docs/space-crops.md defines,
/// exactly as training does: the polygon itself when it has 4 points, else minAreaRect's corners;
/// corners ordered top-left, top-right, bottom-right, bottom-left by the x+y / y-x rule.
package struct SpaceCropper: Sendable {
    /// S in the contract.
    package static let contractSize = 64
    package let size: Int

    package init(size: Int = SpaceCropper.contractSize) {
        self.size = size
    }

    /// The space's quad, ordered [top-left, top-right, bottom-right, bottom-left].
    package static func quad(for space: ParkingSpace) throws(SpacesError) -> [Point] {
        let polygon = space.polygon
        guard polygon.count >= 3, polygon.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
            throw .invalidSpace(id: space.id, reason: "a crop needs at least 3 finite points, has \(polygon.count)")
        }
        if polygon.count == 4 { return orderCorners(polygon) }
        return orderCorners(try minAreaRectCorners(polygon))
    }

    /// The contract's rule: top-left = smallest x+y, bottom-right = largest x+y, top-right = smallest
    /// y-x, bottom-left = largest y-x; ties go to the earlier point, as numpy's argmin/argmax do.
    /// The rule can name one point twice (a square turned 45°); then, and only then, the corners are
    /// taken clockwise from the one with the smallest x+y, which is what the rule means for a quad
    /// whose sides are not near-axis-aligned.
    package static func orderCorners(_ corners: [Point]) -> [Point] {
        precondition(corners.count == 4, "orderCorners takes 4 points")
        let sums = corners.map { $0.x + $0.y }
        let differences = corners.map { $0.y - $0.x }
        let roles = [firstIndex(of: sums, best: <), firstIndex(of: differences, best: <),
                     firstIndex(of: sums, best: >), firstIndex(of: differences, best: >)]
        if Set(roles).count == 4 { return roles.map { corners[$0] } }
        return clockwiseFromTopLeft(corners)
    }

    /// The S x S BGR crop of one space, as the classifier sees it.
    package func crop(_ image: Image, space: ParkingSpace) throws(SpacesError) -> SpaceCrop {
        let flat = try Self.quad(for: space).flatMap { [$0.x, $0.y] }
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        let failure = withExtendedLifetime(image) {
            Shim.call { err, errLen in
                pw_space_crop(image._shimHandle, flat, Int32(size), &pixels, pixels.count, err, errLen)
            }
        }
        if let failure { throw .cropFailed(reason: failure.message) }
        return SpaceCrop(size: size, bgr: pixels)
    }

    static func minAreaRectCorners(_ polygon: [Point]) throws(SpacesError) -> [Point] {
        let flat = polygon.flatMap { [$0.x, $0.y] }
        var corners = [Double](repeating: 0, count: 8)
        if let failure = Shim.call({ pw_min_area_rect_corners(flat, Int32(polygon.count), &corners, $0, $1) }) {
            throw .cropFailed(reason: failure.message)
        }
        return (0..<4).map { Point(x: corners[2 * $0], y: corners[2 * $0 + 1]) }
    }

    private static func firstIndex(of values: [Double], best: (Double, Double) -> Bool) -> Int {
        var chosen = 0
        for index in values.indices where best(values[index], values[chosen]) { chosen = index }
        return chosen
    }

    /// Clockwise on screen (y down) = increasing atan2 angle around the centre.
    private static func clockwiseFromTopLeft(_ corners: [Point]) -> [Point] {
        let cx = corners.map(\.x).reduce(0, +) / 4, cy = corners.map(\.y).reduce(0, +) / 4
        let sorted = corners.sorted { atan2($0.y - cy, $0.x - cx) < atan2($1.y - cy, $1.x - cx) }
        let start = sorted.indices.min { (sorted[$0].x + sorted[$0].y) < (sorted[$1].x + sorted[$1].y) } ?? 0
        return (0..<4).map { sorted[(start + $0) % 4] }
    }
}

/// A crop's pixels: size x size, BGR interleaved, row-major.
package struct SpaceCrop: Sendable, Equatable {
    package let size: Int
    package let bgr: [UInt8]

    package func pixel(x: Int, y: Int) -> (blue: UInt8, green: UInt8, red: UInt8) {
        let offset = (y * size + x) * 3
        return (bgr[offset], bgr[offset + 1], bgr[offset + 2])
    }

    /// Mean of each channel, (blue, green, red).
    package var meanColour: (blue: Double, green: Double, red: Double) {
        var sums = [0.0, 0.0, 0.0]
        for (index, value) in bgr.enumerated() { sums[index % 3] += Double(value) }
        let count = Double(size * size)
        return (sums[0] / count, sums[1] / count, sums[2] / count)
    }
}
