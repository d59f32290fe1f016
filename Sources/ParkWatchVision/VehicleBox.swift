/// One detected vehicle in original-image pixels; (x, y) is the top-left corner.
package struct VehicleBox: Sendable, Equatable, Codable {
    package var x: Double
    package var y: Double
    package var w: Double
    package var h: Double
    /// Objectness times class probability, 0...1.
    package var score: Double
    /// "car", "motorcycle", "bus" or "truck".
    package var label: String

    package init(x: Double, y: Double, w: Double, h: Double, score: Double, label: String) {
        self.x = x
        self.y = y
        self.w = w
        self.h = h
        self.score = score
        self.label = label
    }

    package var area: Double { max(w, 0) * max(h, 0) }

    /// Whether the box's centre lies in `rect`.
    package func centred(in rect: PixelRect) -> Bool {
        let (cx, cy) = (x + w / 2, y + h / 2)
        return cx >= Double(rect.x) && cx < Double(rect.maxX) && cy >= Double(rect.y) && cy < Double(rect.maxY)
    }

    /// Intersection over union: 1 for the same box, 0 for boxes apart.
    package func overlap(with other: VehicleBox) -> Double {
        let shared = intersectionArea(with: other)
        let union = area + other.area - shared
        return union > 0 ? shared / union : 0
    }

    func intersectionArea(with other: VehicleBox) -> Double {
        let overlapW = min(x + w, other.x + other.w) - max(x, other.x)
        let overlapH = min(y + h, other.y + other.h) - max(y, other.y)
        return max(overlapW, 0) * max(overlapH, 0)
    }

    /// Maps a box from a pass's network input back to the frame: undo the letterbox scale,
    /// shift by the region's origin, and clip to the region (nothing outside it was seen).
    /// Nil when nothing of the box is left inside the region.
    func mapped(fromInputScale scale: Double, region: PixelRect) -> VehicleBox? {
        let left = max(x / scale, 0) + Double(region.x)
        let top = max(y / scale, 0) + Double(region.y)
        let right = min((x + w) / scale, Double(region.width)) + Double(region.x)
        let bottom = min((y + h) / scale, Double(region.height)) + Double(region.y)
        guard right - left >= 1, bottom - top >= 1 else { return nil }
        return VehicleBox(x: left, y: top, w: right - left, h: bottom - top, score: score, label: label)
    }

    /// Whether this box (in frame pixels) reaches an edge of `region` that lies inside the frame,
    /// so the vehicle may go on beyond what that pass saw. The frame's own borders do not count.
    func reachesInnerEdge(of region: PixelRect, frameWidth: Int, frameHeight: Int) -> Bool {
        // Boxes cut by the region were clipped to it; a little slack covers rounding in the scale.
        let slack = 2.0
        return (region.x > 0 && x <= Double(region.x) + slack)
            || (region.y > 0 && y <= Double(region.y) + slack)
            || (region.maxX < frameWidth && x + w >= Double(region.maxX) - slack)
            || (region.maxY < frameHeight && y + h >= Double(region.maxY) - slack)
    }
}

/// The vehicles found in one frame.
package struct Detections: Sendable, Equatable {
    /// After merging all passes; one box per vehicle.
    package var boxes: [VehicleBox]
    /// Candidates scored under the detector's threshold but at least its faint one
    /// (`DetectorSettings.faintScoreThreshold`) that no vehicle box explains: not counted (but in an
    /// adjusted or crowded frame, from `DetectorSettings.adjustedScoreThreshold`), yet where one touches a
    /// space, the missing box is no evidence that the space is free.
    package var faint: [VehicleBox]
    /// Network passes run: 1 for the whole frame, plus one per tile.
    package var passes: Int
    /// The tiles looked at, when only some were (`VehicleDetector.detect(_:around:)`): only the
    /// boxes whose centre lies in one of them stand for what is there now. nil: every tile.
    package var examined: [PixelRect]?
    /// The whole-frame pass's candidates (faint ones too) before merging, when it ran: tiles looked at later
    /// (`VehicleDetector.detect(_:around:after:)`) merge with them without running it again.
    package var wholeFrame: [VehicleBox]?
    /// Indices of the areas asked about whose closer look did not fit in the frame's limit of
    /// tiles (`TileChoice`).
    package var leftOut: [Int]
    package var vehicles: Int { boxes.count }
    /// The look saw the whole frame at full detail (every tile ran, or the frame is small enough
    /// to need none): nothing is left to look at closer.
    package var complete: Bool { examined == nil }

    package init(
        boxes: [VehicleBox], passes: Int, examined: [PixelRect]? = nil, wholeFrame: [VehicleBox]? = nil, leftOut: [Int] = [],
        faint: [VehicleBox] = []
    ) {
        self.boxes = boxes
        self.faint = faint
        self.passes = passes
        self.examined = examined
        self.wholeFrame = wholeFrame
        self.leftOut = leftOut
    }
}
