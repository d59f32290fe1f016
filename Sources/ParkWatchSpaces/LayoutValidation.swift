import Foundation

extension LotLayout {
    /// Checks what decoding cannot: sizes, unique ids, at least 3 points, coordinates in range, some area.
    package func validate() throws(SpacesError) {
        try validateImageSize()
        guard !spaces.isEmpty else { throw .invalidLayout(field: "spaces", reason: "the layout has no spaces") }
        var firstIndex: [String: Int] = [:]
        for (index, space) in spaces.enumerated() {
            guard !space.id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidLayout(field: "spaces[\(index)].id", reason: "empty id")
            }
            if let earlier = firstIndex[space.id] {
                throw .invalidSpace(id: space.id, reason: "duplicate id (spaces[\(earlier)] and spaces[\(index)])")
            }
            firstIndex[space.id] = index
            try validatePolygon(of: space)
        }
    }

    private func validateImageSize() throws(SpacesError) {
        if let imageWidth, imageWidth <= 0 { throw .invalidLayout(field: "imageWidth", reason: "must be positive, is \(imageWidth)") }
        if let imageHeight, imageHeight <= 0 { throw .invalidLayout(field: "imageHeight", reason: "must be positive, is \(imageHeight)") }
        if (imageWidth == nil) != (imageHeight == nil) {
            throw .invalidLayout(field: imageWidth == nil ? "imageWidth" : "imageHeight",
                                 reason: "imageWidth and imageHeight go together")
        }
    }

    private func validatePolygon(of space: ParkingSpace) throws(SpacesError) {
        let polygon = space.polygon
        guard polygon.count >= 3 else { throw .invalidSpace(id: space.id, reason: Self.tooFewPoints(polygon)) }
        let limit = coordinateLimit
        for (index, point) in polygon.enumerated() {
            let inRange = point.x.isFinite && point.y.isFinite && point.x >= 0 && point.y >= 0
                && point.x <= limit.x && point.y <= limit.y
            guard inRange else {
                throw .invalidSpace(id: space.id, reason: "point \(index) (\(point.x), \(point.y)) is outside \(limit.name)")
            }
        }
        guard PolygonGeometry.area(polygon) > (normalized ? 1e-9 : Self.minimumPixelArea) else {
            throw .invalidSpace(id: space.id, reason: Self.noArea)
        }
    }

    private static func tooFewPoints(_ polygon: [Point]) -> String { "polygon has \(polygon.count) point(s), needs at least 3" }
    private static let noArea = "polygon has no area (its points are on one line)"
    /// Half a pixel: less is a line or a point, whatever the float noise.
    private static let minimumPixelArea = 0.5

    /// The layout in the pixels of a `width` x `height` image, without the spaces `validate()` would
    /// reject or that reach further than `margin` of the image's size beyond its edges, and why each
    /// of those was left out. For labelled datasets: one broken space, or a label file made for
    /// another image size, should be named, and should not cost the frame's good spaces.
    package func usableSpaces(width: Int, height: Int, margin: Double = Self.edgeMargin) -> (layout: LotLayout, dropped: [SpacesError]) {
        var fitted = resolved(width: width, height: height)
        let (w, h) = (Double(width), Double(height))
        let inFrame = { (p: Point) in
            p.x >= -margin * w && p.y >= -margin * h && p.x <= (1 + margin) * w && p.y <= (1 + margin) * h
        }
        var ids = Set<String>()
        var dropped: [SpacesError] = []
        fitted.spaces = fitted.spaces.filter { space in
            let polygon = space.polygon
            let reason: String? = if ids.contains(space.id) { "duplicate id, an earlier one kept" }
                else if polygon.count < 3 { Self.tooFewPoints(polygon) }
                else if let far = polygon.first(where: { !inFrame($0) }) { "point (\(far.x), \(far.y)) is outside the \(width)x\(height) image" }
                else if PolygonGeometry.area(polygon) <= Self.minimumPixelArea { Self.noArea }
                else { nil }
            guard let reason else { ids.insert(space.id); return true }
            dropped.append(.invalidSpace(id: space.id, reason: reason))
            return false
        }
        return (fitted, dropped)
    }

    /// How far past the image's edges, as a share of its size, a labelled outline may reach and still
    /// be a space the frame cuts: `clippedToImage` moves such points onto the edge, `usableSpaces`
    /// drops the spaces reaching further, so an import and an evaluation agree on which they keep.
    package static let edgeMargin = 0.05

    /// Points at most `margin` of the image's size past its edges moved onto them, and the ids of
    /// the spaces that had such points. A labelled frame's outline of a space the frame cuts may
    /// reach a little past it (a rotated rectangle at the border); an outline reaching further is
    /// a label of another image, left for `validate()` to name. Unchanged without a known size.
    package func clippedToImage(margin: Double = Self.edgeMargin) -> (layout: LotLayout, clipped: [String]) {
        let limit = coordinateLimit
        guard limit.x.isFinite, limit.y.isFinite else { return (self, []) }
        var result = self
        var clipped: [String] = []
        for index in result.spaces.indices {
            let polygon = result.spaces[index].polygon
            let moved = polygon.map {
                Point(x: Self.clip($0.x, to: limit.x, margin: margin), y: Self.clip($0.y, to: limit.y, margin: margin))
            }
            guard moved != polygon else { continue }
            result.spaces[index].polygon = moved
            clipped.append(result.spaces[index].id)
        }
        return (result, clipped)
    }

    /// `value` moved onto 0 or `top` where it lies at most `margin` × `top` past it.
    private static func clip(_ value: Double, to top: Double, margin: Double) -> Double {
        if value < 0, value >= -margin * top { return 0 }
        if value > top, value <= (1 + margin) * top { return top }
        return value
    }

    /// Largest allowed coordinates: 1 when normalized, the image size when known, else unbounded.
    private var coordinateLimit: (x: Double, y: Double, name: String) {
        if normalized { return (1, 1, "0...1 (the layout is normalized)") }
        if let imageWidth, let imageHeight {
            return (Double(imageWidth), Double(imageHeight), "the \(imageWidth)x\(imageHeight) image")
        }
        return (.infinity, .infinity, "the image (negative)")
    }
}

/// Turns Foundation's decoding errors into ones that name the JSON path, e.g. `spaces[2].polygon[0].x`.
enum LayoutDecodingProblem {
    static func spacesError(for error: DecodingError, path: String) -> SpacesError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidLayout(field: fieldPath(context.codingPath + [key]), reason: "missing")
        case .typeMismatch(let type, let context):
            return .invalidLayout(field: fieldPath(context.codingPath), reason: "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidLayout(field: fieldPath(context.codingPath), reason: "null where \(describe(type)) is needed")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .layoutUnreadable(path: path, reason: "not valid JSON (\(underlyingReason(context)))")
        case .dataCorrupted(let context):
            return .invalidLayout(field: fieldPath(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .layoutUnreadable(path: path, reason: "\(error)")
        }
    }

    static func fieldPath(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }

    private static func underlyingReason(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError { return "\(underlying)" }
        return context.debugDescription
    }
}
