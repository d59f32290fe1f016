import Logging
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// What a camera's earlier frames left for the next one: the change gate's references, each
/// space's last decision, the last vehicle count, the layout fitted to its frame size, and what
/// its frames taught about its classifier.
struct CameraMemory: Sendable {
    var gate: ChangeGate?
    var history: CameraHistory?
    var previous: [String: SpaceDecision] = [:]
    var vehicles: Int?
    /// Every vehicle box (and faint box) of the last frame the detector looked at (in part or in full).
    var boxes: FrameBoxes?
    /// Spaces left in doubt whose closer look did not fit in the last frame's limit of tiles,
    /// waiting longest first: the next frame reads them again.
    var pending: [String] = []
    var fitted: FittedLayout?

    mutating func gate(settings: ChangeGate.Settings) -> ChangeGate {
        if let gate, gate.settings == settings { return gate }
        let fresh = ChangeGate(settings: settings)
        gate = fresh
        return fresh
    }

    mutating func classified(_ crops: GatedCrops, decisions: [SpaceDecision]) {
        var updated = crops.gate
        updated.classified(crops.selection, crops: crops.crops, at: crops.time)
        gate = updated
        for decision in decisions { previous[decision.spaceID] = decision }
    }

    /// The layout in this frame's pixels, worked out once per layout and frame size. One rule for
    /// every path: scaled to the frame, then clipped to it. A pixel layout drawn for another size
    /// (the seed's mask is one pixel larger than its video) is warned about once, not refused.
    mutating func fit(_ drawn: LotLayout, width: Int, height: Int, camera: String, logger: Logger) -> LotLayout {
        if let fitted, fitted.drawn == drawn, fitted.width == width, fitted.height == height { return fitted.layout }
        let layout = drawn.resolved(width: width, height: height).clipped(width: width, height: height)
        if !drawn.normalized, let drawnWidth = drawn.imageWidth, let drawnHeight = drawn.imageHeight,
           drawnWidth != width || drawnHeight != height {
            logger.warning(
                "layout drawn for \(drawnWidth)x\(drawnHeight), frames are \(width)x\(height): scaled and clipped to the frame",
                metadata: ["camera": "\(camera)"])
        }
        fitted = FittedLayout(drawn: drawn, width: width, height: height, layout: layout)
        previous = [:]
        return layout
    }
}

struct FittedLayout: Sendable {
    var drawn: LotLayout
    var width: Int
    var height: Int
    var layout: LotLayout
}

/// One frame's grey crops and the gate's choice of spaces to re-read.
struct GatedCrops: Sendable {
    var gate: ChangeGate
    var crops: [String: [Float]]
    var selection: ChangeGate.Selection
    var time: Double

    /// `pending` spaces are read again whether or not they changed.
    init(_ image: Image, layout: LotLayout, gate: ChangeGate, at time: Double, pending: [String] = []) throws {
        self.gate = gate
        self.crops = try Self.crops(image, layout: layout, size: gate.settings.cropSize)
        self.selection = gate.select(crops, at: time)
        self.time = time
        selection.spaces.formUnion(Set(pending).intersection(crops.keys))
    }

    /// Each space's zero-mean grey crop (`GreyCrop`), `size` pixels square.
    static func crops(_ image: Image, layout: LotLayout, size: Int = ChangeGate.Settings.default.cropSize) throws -> [String: [Float]] {
        let cropper = SpaceCropper(size: size)
        var crops: [String: [Float]] = [:]
        for space in layout.spaces { crops[space.id] = GreyCrop.zeroMean(bgr: try cropper.crop(image, space: space).bgr) }
        return crops
    }
}

extension LotLayout {
    /// Every point moved inside a `width` x `height` frame.
    func clipped(width: Int, height: Int) -> LotLayout {
        var result = self
        let (maxX, maxY) = (Double(width - 1), Double(height - 1))
        for index in result.spaces.indices {
            result.spaces[index].polygon = result.spaces[index].polygon.map {
                Point(x: min(max($0.x, 0), maxX), y: min(max($0.y, 0), maxY))
            }
        }
        return result
    }
}

/// Where a gated frame changed, as the detector's tiles see it.
enum ChangedAreas {
    /// Each changed space's bounding box, widened by half its size to each side and by its whole
    /// height upwards, where a vehicle parked in it stands out in a view with depth.
    static func around(_ spaces: Set<String>, in layout: LotLayout) -> [PixelRect] {
        around(ordered: layout.spaces.map(\.id).filter(spaces.contains), in: layout).map(\.area)
    }

    /// `around`, in the order of `ids`, each area with its space's id and how large a vehicle
    /// parked there would be boxed: the shorter side of its box, about 0.6 of the square root of
    /// the space's bounding box (0.4-1.0 over the boxed cars of the lower camera's frames, far
    /// rows and near).
    static func around(ordered ids: [String], in layout: LotLayout) -> [(id: String, area: PixelRect, vehicleSide: Double)] {
        let byID = Dictionary(layout.spaces.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            guard let space = byID[id], let box = PolygonGeometry.bounds(space.polygon) else { return nil }
            let (width, height) = (box.maxX - box.minX, box.maxY - box.minY)
            let area = PixelRect(
                x: Int(box.minX - width / 2), y: Int(box.minY - height), width: Int(width * 2) + 1, height: Int(height * 2.5) + 1)
            return (id, area, 0.6 * (width * height).squareRoot())
        }
    }

    /// The spaces whose last decision stood on a box (`SpaceEvidence.anchored`) that this frame's
    /// look no longer has: a box no box of `now` overlaps by `sameVehicle` (intersection over
    /// union; the whole frame and a tile box one car a little differently). Their own crop may
    /// not have changed (a false box faded, a neighbour's car left), yet their decision weighed
    /// a box the frame lost.
    static func spacesLosingTheirBox(
        known: FrameBoxes, now: FrameBoxes, previous: [String: SpaceDecision], in layout: LotLayout
    ) -> Set<String> {
        let seen = now.boxes + now.faint
        let lost = (known.boxes + known.faint).filter { box in !seen.contains { $0.overlap(with: box) > sameVehicle } }
        guard !lost.isEmpty else { return [] }
        return Set(layout.spaces.filter { space in
            guard previous[space.id]?.evidence.anchored == true, let area = PolygonGeometry.bounds(space.polygon) else { return false }
            return lost.contains { $0.x < area.maxX && $0.x + $0.w > area.minX && $0.y < area.maxY && $0.y + $0.h > area.minY }
        }.map(\.id))
    }

    static let sameVehicle = 0.5

    /// The frame's boxes: where tiles were examined, what they found; elsewhere, what was known.
    static func merge(_ detections: Detections, known: FrameBoxes) -> FrameBoxes {
        guard let examined = detections.examined else { return FrameBoxes(detections) }
        let inside = { (box: VehicleBox) in examined.contains { box.centred(in: $0) } }
        return FrameBoxes(
            boxes: known.boxes.filter { !inside($0) } + detections.boxes.filter(inside),
            faint: known.faint.filter { !inside($0) } + detections.faint.filter(inside))
    }
}

/// A frame's vehicle boxes and its faint ones (`Detections.faint`), which the camera's next frame
/// keeps where it does not look again.
struct FrameBoxes: Sendable, Equatable {
    var boxes: [VehicleBox]
    var faint: [VehicleBox]

    init(boxes: [VehicleBox], faint: [VehicleBox]) {
        self.boxes = boxes
        self.faint = faint
    }

    init(_ detections: Detections) {
        self.init(boxes: detections.boxes, faint: detections.faint)
    }

    init(_ reading: FrameReading) {
        self.init(boxes: reading.boxes, faint: reading.faintBoxes)
    }
}
