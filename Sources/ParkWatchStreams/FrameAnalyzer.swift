import Foundation
import Logging
import ParkWatchInbox
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// What one analysed frame gave, before anything is stored.
public struct FrameAnalysis: Sendable {
    /// The camera's layout in this frame's pixels; nil for a camera without one.
    public var layout: LotLayout?
    /// Every space's decision in layout order: fresh for `reclassified`, reused for the rest.
    public var decisions: [SpaceDecision]
    public var vehicles: Int?
    /// Spaces the classifier read in this frame (the rest reused their last decision).
    public var reclassified: Int
    public var detectorRan: Bool
    public var detectMs: Double?
}

/// Turns frames of one camera into space decisions, re-classifying only what changed: the gate
/// picks the spaces, the detector runs only when some space is read (its boxes only matter for
/// those), and the shared `SpaceReader` classifies them. One per camera; not shared across tasks.
public struct FrameAnalyzer: Sendable {
    let camera: String
    let occupancy: OccupancyStage?
    let detector: (any VehicleCounter)?
    private(set) var gate: ChangeGate
    private var previous: [String: SpaceDecision] = [:]
    /// The detector's recall as this camera's earlier frames showed it.
    private var memory = RecallMemory()
    private var vehicles: Int?
    private var fitted: (width: Int, height: Int, layout: LotLayout?)?
    let logger: Logger

    public init(camera: String, occupancy: OccupancyStage?, detector: (any VehicleCounter)?, gate: ChangeGate.Settings,
                logger: Logger = Logger(label: "parkwatch.streams")) {
        self.camera = camera
        self.occupancy = occupancy
        self.detector = detector
        self.gate = ChangeGate(settings: gate)
        self.logger = logger
    }

    /// `time` is in seconds on the source's timeline, for the gate's full-pass schedule.
    public mutating func analyze(_ image: Image, at time: Double) async throws -> FrameAnalysis {
        guard let layout = fittedLayout(width: image.width, height: image.height), let reader = occupancy?.spaceReader else {
            let detections = try await detector?.detect(image)
            return FrameAnalysis(layout: nil, decisions: [], vehicles: detections?.vehicles, reclassified: 0, detectorRan: detections != nil)
        }
        let crops = try Self.greyCrops(image, layout: layout, size: gate.settings.cropSize)
        let selection = gate.select(crops, at: time)
        var analysis = FrameAnalysis(layout: layout, decisions: [], vehicles: vehicles, reclassified: 0, detectorRan: false)
        var boxes: [VehicleBox] = []
        if !selection.spaces.isEmpty, let detector {
            let start = ContinuousClock.now
            let detections = try await detector.detect(image)
            boxes = detections.boxes
            vehicles = detections.vehicles
            analysis.vehicles = detections.vehicles
            analysis.detectorRan = true
            analysis.detectMs = (ContinuousClock.now - start).inMilliseconds
        }
        let reading = try await reader.reading(
            image, layout: layout, boxes: boxes, reclassify: selection.spaces, previous: previous, memory: memory)
        analysis.decisions = reading.decisions
        // Without fresh boxes a frame shows nothing about the detector.
        if analysis.detectorRan { memory = memory.adding(reading.evidence, limit: reader.settings.recallMemory) }
        analysis.reclassified = layout.spaces.filter { selection.spaces.contains($0.id) || previous[$0.id] == nil }.count
        gate.classified(selection, crops: crops, at: time)
        for decision in analysis.decisions { previous[decision.spaceID] = decision }
        return analysis
    }

    /// The layout fitted to the frame, worked out once per frame size. A layout drawn for another
    /// size (the seed's mask is one pixel larger than its video) is scaled to the frame and
    /// clipped to it, with a warning, rather than refused.
    private mutating func fittedLayout(width: Int, height: Int) -> LotLayout? {
        if let fitted, fitted.width == width, fitted.height == height { return fitted.layout }
        let layout = occupancy?.layout(camera: camera, width: width, height: height).map { $0.clipped(width: width, height: height) }
        if let drawn = occupancy?.drawnSize(camera: camera), drawn.width != width || drawn.height != height {
            logger.warning(
                "layout drawn for \(drawn.width)x\(drawn.height), frames are \(width)x\(height): scaled and clipped to the frame",
                metadata: ["camera": "\(camera)"])
        }
        fitted = (width, height, layout)
        previous = [:]
        return layout
    }

    static func greyCrops(_ image: Image, layout: LotLayout, size: Int) throws -> [String: [Float]] {
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

extension OccupancyStage {
    /// The frame size the camera's layout was drawn for, when the layout is in pixels and says.
    func drawnSize(camera: String) -> (width: Int, height: Int)? {
        guard let layout = layout(camera: camera), !layout.normalized,
              let width = layout.imageWidth, let height = layout.imageHeight else { return nil }
        return (width, height)
    }
}
