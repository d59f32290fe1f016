/// A point in image pixels (or in 0...1 of the image for a normalized layout); y grows downwards.
package struct Point: Sendable, Codable, Equatable, Hashable {
    package var x: Double
    package var y: Double

    package init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Accepts `{"x": 1, "y": 2}` and, because hand-written layouts are shorter that way, `[1, 2]`.
    package init(from decoder: any Decoder) throws {
        if var pair = try? decoder.unkeyedContainer() {
            x = try pair.decode(Double.self)
            y = try pair.decode(Double.self)
            guard pair.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: pair, debugDescription: "a point is [x, y]: more than two numbers")
            }
            return
        }
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        x = try fields.decode(Double.self, forKey: .x)
        y = try fields.decode(Double.self, forKey: .y)
    }
}

/// Plane geometry on polygons, for questions like "how much of this space does a vehicle box cover".
package enum PolygonGeometry {
    /// Even-odd ray casting; a point exactly on an edge may fall either way.
    package static func contains(_ point: Point, in polygon: [Point]) -> Bool {
        guard polygon.count >= 3 else { return false }
        var inside = false
        var previous = polygon[polygon.count - 1]
        for current in polygon {
            if (current.y > point.y) != (previous.y > point.y) {
                let crossX = current.x + (point.y - current.y) * (previous.x - current.x) / (previous.y - current.y)
                if point.x < crossX { inside.toggle() }
            }
            previous = current
        }
        return inside
    }

    /// The smallest and largest x and y of `points`; nil when there are none.
    package static func bounds(_ points: [Point]) -> (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return nil }
        return (minX, maxX, minY, maxY)
    }

    /// Shoelace area, positive whichever way the polygon winds; 0 for fewer than 3 points.
    package static func area(_ polygon: [Point]) -> Double {
        abs(signedArea(polygon))
    }

    /// Positive when the points run clockwise on screen (y down), negative otherwise.
    package static func signedArea(_ polygon: [Point]) -> Double {
        guard polygon.count >= 3 else { return 0 }
        var twice = 0.0
        for (index, point) in polygon.enumerated() {
            let next = polygon[(index + 1) % polygon.count]
            twice += point.x * next.y - next.x * point.y
        }
        return twice / 2
    }

    /// The area centroid; the vertex mean when the polygon has no area.
    package static func centroid(_ polygon: [Point]) -> Point {
        guard !polygon.isEmpty else { return Point(x: 0, y: 0) }
        let signed = signedArea(polygon)
        guard abs(signed) > 1e-12 else {
            let count = Double(polygon.count)
            return Point(x: polygon.map(\.x).reduce(0, +) / count, y: polygon.map(\.y).reduce(0, +) / count)
        }
        var cx = 0.0, cy = 0.0
        for (index, point) in polygon.enumerated() {
            let next = polygon[(index + 1) % polygon.count]
            let cross = point.x * next.y - next.x * point.y
            cx += (point.x + next.x) * cross
            cy += (point.y + next.y) * cross
        }
        return Point(x: cx / (6 * signed), y: cy / (6 * signed))
    }

    /// Area of the part of `polygon` inside the axis-aligned rectangle (x, y) + (w, h).
    /// Sutherland–Hodgman is exact here because the clip region (a rectangle) is convex;
    /// the polygon itself may be concave.
    package static func intersectionArea(polygon: [Point], rect: (x: Double, y: Double, w: Double, h: Double)) -> Double {
        guard rect.w > 0, rect.h > 0, polygon.count >= 3 else { return 0 }
        let right = rect.x + rect.w, bottom = rect.y + rect.h
        var clipped = polygon
        clipped = clip(clipped, inside: { $0.x >= rect.x }, cross: { a, b in crossAtX(a, b, rect.x) })
        clipped = clip(clipped, inside: { $0.x <= right }, cross: { a, b in crossAtX(a, b, right) })
        clipped = clip(clipped, inside: { $0.y >= rect.y }, cross: { a, b in crossAtY(a, b, rect.y) })
        clipped = clip(clipped, inside: { $0.y <= bottom }, cross: { a, b in crossAtY(a, b, bottom) })
        return area(clipped)
    }

    /// Area of the part of `polygon` inside `convex`, a convex polygon in either winding. A concave
    /// one gives at most the shared area: the part inside every edge's half-plane.
    package static func intersectionArea(polygon: [Point], convex: [Point]) -> Double {
        guard polygon.count >= 3, convex.count >= 3 else { return 0 }
        let winding = signedArea(convex) >= 0 ? 1.0 : -1.0
        var clipped = polygon
        for (index, a) in convex.enumerated() {
            let b = convex[(index + 1) % convex.count]
            let side = { (p: Point) in winding * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) }
            clipped = clip(clipped, inside: { side($0) >= 0 }, cross: { p, q in
                let t = side(p) / (side(p) - side(q))
                return Point(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y))
            })
        }
        return area(clipped)
    }

    /// One Sutherland–Hodgman pass against a single edge of the clip rectangle.
    static func clip(_ points: [Point], inside: (Point) -> Bool, cross: (Point, Point) -> Point) -> [Point] {
        guard let last = points.last else { return [] }
        var output: [Point] = []
        var previous = last
        for current in points {
            switch (inside(previous), inside(current)) {
            case (true, true): output.append(current)
            case (true, false): output.append(cross(previous, current))
            case (false, true): output += [cross(previous, current), current]
            case (false, false): break
            }
            previous = current
        }
        return output
    }

    private static func crossAtX(_ a: Point, _ b: Point, _ x: Double) -> Point {
        let t = (x - a.x) / (b.x - a.x)
        return Point(x: x, y: a.y + t * (b.y - a.y))
    }

    private static func crossAtY(_ a: Point, _ b: Point, _ y: Double) -> Point {
        let t = (y - a.y) / (b.y - a.y)
        return Point(x: a.x + t * (b.x - a.x), y: y)
    }
}
