import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// The detector's looks at a frame: every pass of it on an ungated frame; on a gated one the whole
/// frame first, and its tiles only where that leaves a space it re-reads unsettled.
extension FrameReader {
    /// What a frame's detector saw before its spaces are weighed: on a gated frame, the gate's
    /// crops and choice, the whole frame's look and the spaces whose box that look lost.
    struct FirstLook {
        var gated: GatedCrops?
        var detections: Detections?
        var boxLost: Set<String> = []
    }

    /// An ungated frame gets every pass of the detector. A gated frame looks at the whole frame
    /// first, and closer (the tiles, in `settle`) only where that leaves a space it re-reads
    /// unsettled: on a steady view a full pass then costs one network pass or a few, not 13.
    func lookFirst(
        _ frame: LiftedFrame, camera: String, layout: LotLayout, farVehicles far: Bool, memory: inout CameraMemory,
        at time: Double, into reading: inout FrameReading
    ) async throws -> FirstLook {
        guard let settings = options.gate else {
            try await detect(frame.detectorView(), camera: camera, farVehicles: far, layout: layout, into: &reading)
            return FirstLook()
        }
        var gated = try GatedCrops(frame.image, layout: layout, gate: memory.gate(settings: settings), at: time, pending: memory.pending)
        let detections = try await look(
            frame, camera: camera, gated: gated, layout: layout, farVehicles: far, known: memory.boxes, into: &reading)
        guard let known = memory.boxes else { return FirstLook(gated: gated, detections: detections) }
        // A space whose decision stood on a box this look lost is read again, though its crop did not change.
        let boxLost = ChangedAreas.spacesLosingTheirBox(known: known, now: FrameBoxes(reading), previous: memory.previous, in: layout)
        gated.selection.spaces.formUnion(boxLost)
        return FirstLook(gated: gated, detections: detections, boxLost: boxLost)
    }

    /// A gated frame's first look, at the whole frame alone: on a full pass (or with no boxes
    /// `known`) its boxes are the frame's; else they replace the known ones only around the spaces
    /// that changed. Nothing runs when no space changed. Nil when the detector did not run.
    /// `farVehicles`: the layout has depth (`VehicleCounter.detect(_:farVehicles:spaces:vehicleSides:)`).
    func look(
        _ frame: LiftedFrame, camera: String, gated: GatedCrops, layout: LotLayout, farVehicles: Bool, known: FrameBoxes?,
        into reading: inout FrameReading
    ) async throws -> Detections? {
        let changed = gated.selection.full ? nil : known.map { (gated.selection.spaces, $0) }
        if let (spaces, known) = changed, spaces.isEmpty {
            (reading.boxes, reading.faintBoxes) = (known.boxes, known.faint)
            return nil
        }
        return try await runDetector(camera: camera, into: &reading) { detector in
            let image = try frame.detectorView()
            let whole = try await detector.detectWholeFrame(image, farVehicles: farVehicles)
            // A frame with no tiles (or a counter that looked at all of it): the whole frame is
            // the complete look, everywhere.
            guard let (spaces, known) = changed, !whole.complete else { return (whole, FrameBoxes(whole)) }
            var around = whole
            around.examined = ChangedAreas.around(spaces, in: layout)
            return (whole, ChangedAreas.merge(around, known: known))
        }
    }

    func hasDetector(_ camera: String) -> Bool { (cameraDetectors[camera] ?? detector) != nil }

    /// Every pass over the whole frame (and its tiles). `farVehicles`: see
    /// `VehicleCounter.detect(_:farVehicles:spaces:vehicleSides:)`, which also gets the spaces of
    /// a `layout` with depth.
    func detect(
        _ image: Image, camera: String, farVehicles: Bool = false, layout: LotLayout? = nil, into reading: inout FrameReading
    ) async throws {
        // Top-down, where COCO detectors box no car, finer tiles would only cost time.
        let spaces = farVehicles ? layout.map { ChangedAreas.around(ordered: $0.spaces.map(\.id), in: $0) } ?? [] : []
        try await runDetector(camera: camera, into: &reading) { detector in
            let detections = try await detector.detect(
                image, farVehicles: farVehicles, spaces: spaces.map(\.area), vehicleSides: spaces.map(\.vehicleSide))
            return (detections, FrameBoxes(detections))
        }
    }

    /// After the `first` look, which left `reading.boxes`: the tiles over the re-read spaces it
    /// leaves unsettled (within the gate's limit of tiles), then those spaces weighed again;
    /// nothing when the first look was complete. Returns the detector's time and the unsettled
    /// spaces the limit left out.
    func settle(
        _ image: Image, camera: String, weighing: SpaceWeighing, after first: Detections, farVehicles: Bool, pending: [String],
        into reading: inout FrameReading
    ) async throws -> (time: Duration, deferred: [String]) {
        let unsettled = first.complete ? [] : weighing.unsettled(reading.decisions)
        guard !unsettled.isEmpty else { return (.zero, []) }
        // The spaces that waited come first: their tiles run first, so the limit cannot leave them
        // out again.
        let waited = Set(pending)
        let order = pending.filter(unsettled.contains) + weighing.layout.spaces.map(\.id).filter {
            unsettled.contains($0) && !waited.contains($0)
        }
        let (start, known, areas) = (ContinuousClock.now, FrameBoxes(reading), ChangedAreas.around(ordered: order, in: weighing.layout))
        let detections = try await runDetector(camera: camera, into: &reading) { detector in
            let detections = try await detector.detect(
                image, around: areas.map(\.area), after: first, limit: options.gate?.closerLookTiles,
                waiting: areas.filter { waited.contains($0.id) }.count, farVehicles: farVehicles,
                vehicleSides: farVehicles ? areas.map(\.vehicleSide) : [])
            return (detections, ChangedAreas.merge(detections, known: known))
        }
        let elapsed = ContinuousClock.now - start
        let deferred = detections?.leftOut.map { areas[$0].id } ?? []
        weighing.weigh(into: &reading)
        return (elapsed, deferred)
    }

    /// Runs the camera's detector with `look`, which gives its detections and the frame's boxes;
    /// passes and time add up over a frame's looks. Nil when the camera has no detector.
    @discardableResult
    func runDetector(
        camera: String, into reading: inout FrameReading,
        look: (any VehicleCounter) async throws -> (Detections, FrameBoxes)
    ) async throws -> Detections? {
        guard let detector = cameraDetectors[camera] ?? detector else { return nil }
        let start = ContinuousClock.now
        let (detections, boxes): (Detections, FrameBoxes)
        do {
            (detections, boxes) = try await look(detector)
        } catch let error as VisionError {
            throw PipelineError.detectionFailed(reason: error.description)
        }
        (reading.boxes, reading.faintBoxes) = (boxes.boxes, boxes.faint)
        if let threshold = detector.adjustedScoreThreshold {
            reading.countFaint(from: threshold, crowdedFrom: detector.crowdedFrom)
        }
        reading.vehicles = reading.countedBoxes.count
        reading.detectorRan = true
        reading.detectorPasses += detections.passes
        reading.detectMs = (reading.detectMs ?? 0) + (ContinuousClock.now - start).inMilliseconds
        return detections
    }
}
