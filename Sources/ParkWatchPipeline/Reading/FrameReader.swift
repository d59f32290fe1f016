import Foundation
import Logging
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision
import Synchronization

/// Reads one frame of a camera: the vehicle detector, then each space of the camera's layout
/// (classifier and boxes together, weighed by the camera's calibration). The one
/// reader behind photos, streams, `analyze` and `eval`; only its `Options` differ between them.
package final class FrameReader: Sendable {
    package struct Options: Sendable {
        /// Re-read only the spaces whose crop changed (streams); nil reads every space every frame.
        package var gate: ChangeGate.Settings?
        /// Carry a camera's memory (gate, last decisions, fitted layout) from frame to frame.
        package var remembers: Bool

        package init(gate: ChangeGate.Settings? = nil, remembers: Bool = true) {
            self.gate = gate
            self.remembers = remembers
        }

        /// Photos from the inbox, every space every photo.
        package static let photos = Options()
        /// Photos from the inbox, gated (`spaces.gating`): `time` is each photo's capture time.
        package static func photos(gate: ChangeGate.Settings?) -> Options { Options(gate: gate) }
        /// Frames judged each on its own (`analyze`, `eval spaces` without `--sequence`).
        package static let singleFrames = Options(remembers: false)
        package static func stream(_ gate: ChangeGate.Settings) -> Options { Options(gate: gate) }
    }

    package let detector: (any VehicleCounter)?
    /// Cameras with detector settings of their own; the others use `detector`.
    let cameraDetectors: [String: any VehicleCounter]
    package let spaces: SpaceReader?
    let options: Options
    /// How dim frames are lifted and flat ones stretched before anything reads them…
    let light: FrameLight
    /// …and for the cameras with a `light_correction` of their own.
    let cameraLights: [String: FrameLight]
    /// Where `parkwatch calibrate` stores each camera's weights, read for every frame so a new
    /// calibration takes effect on the next frame without a restart; and where each camera's
    /// unlabelled adaptation is kept across restarts.
    let stored: ParkWatchDatabase?
    let logger: Logger
    private let cameras = Mutex<[String: CameraMemory]>([:])
    private let calibrations = Mutex<[String: LabelCalibration]>([:])
    /// Each camera's stored calibration, fetched and decoded once per fitting (by its time).
    private let storedCalibrations = Mutex<[String: (fittedAt: Date, calibration: LabelCalibration)]>([:])
    /// Layouts' reference photos, decoded once (or found unreadable once, and said once), by path.
    private let references = Mutex<[String: Result<Image, any Error>]>([:])
    private let views = Mutex<[String: ViewState]>([:])

    package init(detector: (any VehicleCounter)?, spaces: SpaceReader?, options: Options = .photos,
                cameraDetectors: [String: any VehicleCounter] = [:], calibrations stored: ParkWatchDatabase? = nil,
                light: FrameLight = FrameLight(), cameraLights: [String: FrameLight] = [:],
                logger: Logger = Logger(label: "parkwatch.pipeline")) {
        self.detector = detector
        self.cameraDetectors = cameraDetectors
        self.spaces = spaces
        self.options = options
        self.stored = stored
        self.light = light
        self.cameraLights = cameraLights
        self.logger = logger
    }

    /// `layout` is the camera's layout as drawn (nil: count vehicles only); `time` is in seconds
    /// on the camera's timeline, for the gate's full-pass schedule; `capturedAt` is when the frame
    /// was taken, for the days its empty looks are seen on (default: `time` read as seconds since
    /// 1970, as photos' capture times are). A detector failure throws
    /// `PipelineError.detectionFailed`; a space-reading failure is returned in `spacesFailure`.
    /// A dim `photo` is lifted first (`FrameLight`), for every look at it.
    package func read(
        _ photo: Image, camera: String, layout drawn: LotLayout?, at time: Double = 0, capturedAt: Date? = nil
    ) async throws -> FrameReading {
        var memory = options.remembers ? cameras.withLock { $0[camera] } ?? CameraMemory() : CameraMemory()
        let fitted = drawn.map { memory.fit($0, width: photo.width, height: photo.height, camera: camera, logger: logger) }
        let frame = lifted(photo, judgedIn: fitted.flatMap(Self.spacesArea), camera: camera)
        let image = frame.image
        var reading = FrameReading(width: image.width, height: image.height, layout: fitted, vehicles: memory.vehicles)
        reading.adjustment = frame.adjustment
        var placed = fitted
        if let drawn, let path = drawn.reference, spaces != nil {
            placed = await follow(drawn, reference: path, in: image, camera: camera, reading: &reading)
            reading.layout = placed ?? fitted
        }
        if let layout = placed, let spaces {
            let day = EmptyLooks.day(ofSeconds: capturedAt?.timeIntervalSince1970 ?? time)
            try await readSpaces(frame, camera: camera, layout: layout, with: spaces, memory: &memory, at: (time, day), into: &reading)
        } else {
            try await detect(frame.detectorView(), camera: camera, into: &reading)
            if reading.viewLost, let fitted { reading.decisions = ViewFollowing.unknown(fitted) }
        }
        if options.remembers { remember(memory, reading: reading, camera: camera) }
        return reading
    }

    /// The layout carried to where its reference photo lies in `image`; nil when the view is lost
    /// (or the reference cannot be decoded, which the log says once).
    private func follow(
        _ drawn: LotLayout, reference path: String, in image: Image, camera: String, reading: inout FrameReading
    ) async -> LotLayout? {
        let decoded: Result<Image, any Error>
        if let known = references.withLock({ $0[path] }) {
            decoded = known
        } else {
            do {
                decoded = .success(try await Image.decode(Data(contentsOf: URL(fileURLWithPath: path))))
            } catch {
                logger.error("layout's reference photo unreadable", metadata: ["camera": "\(camera)", "path": "\(path)", "reason": "\(error)"])
                decoded = .failure(error)
            }
            references.withLock { $0[path] = decoded }
        }
        guard case .success(let reference) = decoded else {
            reading.viewLost = true
            return nil
        }
        var state = views.withLock { $0[camera] }
        let placed = await ViewFollowing.place(
            drawn, reference: reference, in: image, camera: camera, state: &state, reading: &reading, logger: logger)
        views.withLock { $0[camera] = state }
        return placed
    }

    /// `photo` lifted, stretched or sharpened when it is dim, flat or soft where `region` lies; the
    /// photo as it is when its light cannot be measured, which the log says (reading it as taken
    /// loses less than not reading it).
    private func lifted(_ photo: Image, judgedIn region: PixelRect?, camera: String) -> LiftedFrame {
        do {
            return try (cameraLights[camera] ?? light).lifted(photo, judgedIn: region)
        } catch {
            logger.warning("frame's light not measured", metadata: ["camera": "\(camera)", "reason": "\(error)"])
            return LiftedFrame(asTaken: photo)
        }
    }

    /// The rectangle around the layout's spaces: where a frame's light is judged.
    static func spacesArea(_ layout: LotLayout) -> PixelRect? {
        guard let box = PolygonGeometry.bounds(layout.spaces.flatMap(\.polygon)) else { return nil }
        return PixelRect(
            x: Int(box.minX), y: Int(box.minY), width: Int((box.maxX - box.minX).rounded(.up)) + 1,
            height: Int((box.maxY - box.minY).rounded(.up)) + 1)
    }

    /// Forgets what the camera's frames left, e.g. after its layout changed. Its calibration stays.
    package func forget(camera: String) {
        _ = cameras.withLock { $0.removeValue(forKey: camera) }
        _ = views.withLock { $0.removeValue(forKey: camera) }
    }

    /// Weighs the camera's evidence with `calibration` from its next frame on, over any stored
    /// calibration (nil: the stored one, else the prior, again).
    package func calibrate(camera: String, with calibration: LabelCalibration?) {
        calibrations.withLock { $0[camera] = calibration }
    }

    /// What the camera's unlabelled frames have taught so far, as weights; nil before they teach anything.
    package func adaptedWeights(camera: String) -> FusionWeights? {
        guard let spaces, let history = cameras.withLock({ $0[camera]?.history }) else { return nil }
        return history.adaptation.weights(prior: .prior(settings: spaces.settings), settings: spaces.settings)
    }

    /// The camera's weights (set here, else calibrated from its labels, else adapted to its
    /// unlabelled frames, else nil for the prior), its labelled looks and whether its labels or
    /// its history show a side view.
    func calibration(
        for camera: String, history: CameraHistory?, settings: SpaceDecisionSettings
    ) async throws -> (weights: FusionWeights?, looks: EmptyLooks, sideView: Bool) {
        let seen = history?.adaptation.seesVehicles ?? false
        if let set = calibrations.withLock({ $0[camera] }) { return (set.weights, set.looks, set.sideView || seen) }
        if let stored = try await storedCalibration(camera: camera) {
            return (stored.weights, stored.looks, stored.sideView || seen)
        }
        return (history?.adaptation.weights(prior: .prior(settings: settings), settings: settings), EmptyLooks(), seen)
    }

    /// The calibration `parkwatch calibrate` stored for the camera, fetched and decoded again only
    /// when it was fitted anew: its looks run to tens of kilobytes, its fitting time to a few bytes.
    private func storedCalibration(camera: String) async throws -> LabelCalibration? {
        guard let stored, let fittedAt = try await stored.cameraFusionFittedAt(camera: camera) else { return nil }
        if let known = storedCalibrations.withLock({ $0[camera] }), known.fittedAt == fittedAt { return known.calibration }
        guard let record = try await stored.cameraFusion(camera: camera) else { return nil }
        let looks = try record.emptyLooks.map { try JSONDecoder().decode(EmptyLooks.self, from: Data($0.utf8)) } ?? EmptyLooks()
        let calibration = LabelCalibration(weights: try FusionWeights(json: record.weights), looks: looks, sideView: record.sideView)
        storedCalibrations.withLock { $0[camera] = (record.fittedAt, calibration) }
        return calibration
    }

    private func readSpaces(
        _ frame: LiftedFrame, camera: String, layout: LotLayout, with spaces: SpaceReader, memory: inout CameraMemory,
        at moment: (time: Double, day: Int), into reading: inout FrameReading
    ) async throws {
        let far = SpaceDecider.hasDepth(layout, settings: spaces.settings)
        var first = try await lookFirst(
            frame, camera: camera, layout: layout, farVehicles: far, memory: &memory, at: moment.time, into: &reading)
        let start = ContinuousClock.now
        var closer = Duration.zero
        do {
            let (weighing, history) = try await weighing(
                frame, camera: camera, layout: layout, with: spaces, first: &first, memory: memory)
            weighing.weigh(into: &reading)
            reading.spaceCrops = weighing.crops
            if let detections = first.detections {
                let look = try await settle(
                    frame.detectorView(), camera: camera, weighing: weighing, after: detections, farVehicles: far,
                    pending: memory.pending, into: &reading)
                (closer, memory.pending) = (look.time, look.deferred)
            }
            reading.reclassified = weighing.fresh.count
            if let gated = first.gated { memory.classified(gated, decisions: reading.decisions) }
            memory.history = try await learn(
                from: reading, weighing: weighing, history: history, camera: camera, day: moment.day, farVehicles: far)
        } catch PipelineError.detectionFailed(let reason) {
            throw PipelineError.detectionFailed(reason: reason)
        } catch {
            reading.spacesFailure = "\(error)"
        }
        reading.spacesMs = (ContinuousClock.now - start - closer).inMilliseconds
    }

    /// The frame's spaces ready to weigh: the chosen ones classified (the gate's choice in `first`,
    /// widened here), the others carried from `memory`, with the camera's weights and looks; and
    /// the camera's history, to learn from them.
    private func weighing(
        _ frame: LiftedFrame, camera: String, layout: LotLayout, with spaces: SpaceReader, first: inout FirstLook, memory: CameraMemory
    ) async throws -> (SpaceWeighing, CameraHistory?) {
        let previous = first.gated == nil ? [:] : memory.previous
        let history = options.remembers ? try await CameraHistory.resume(memory.history, camera: camera, stored: stored) : nil
        let calibration = try await calibration(for: camera, history: history, settings: spaces.settings)
        // A kept decision the camera's weights now read otherwise, or one its frame left contested,
        // is read again, though its crop did not change.
        if let gate = options.gate {
            let weights = calibration.weights ?? .prior(settings: spaces.settings)
            first.gated?.selection.spaces.formUnion(
                SpaceDecider.outweighed(previous, weights: weights, settings: spaces.settings).union(ChangeGate.contested(previous, settings: gate)))
        }
        let chosen = first.gated?.selection.spaces ?? Set(layout.spaces.map(\.id))
        let weighing = SpaceWeighing(
            reader: spaces, layout: layout,
            scores: try await spaces.scores(frame.image, layout: layout, reclassify: chosen, previous: previous),
            previous: previous, weights: calibration.weights,
            fresh: Set(layout.spaces.filter { chosen.contains($0.id) || previous[$0.id] == nil }.map(\.id)),
            boxLost: first.boxLost, crops: try first.gated?.crops ?? GatedCrops.crops(frame.image, layout: layout),
            looks: (history?.adaptation.looks ?? EmptyLooks()).merging(calibration.looks),
            sideView: calibration.sideView, detects: hasDetector(camera), corrected: frame.adjustment != nil)
        return (weighing, history)
    }

    /// The camera's history after this frame's fresh decisions: the looks of its spaces, its
    /// view (not where the layout has depth) and its classifier's agreement with its detector.
    private func learn(
        from reading: FrameReading, weighing: SpaceWeighing, history: CameraHistory?, camera: String, day: Int, farVehicles far: Bool
    ) async throws -> CameraHistory? {
        guard var history else { return nil }
        let freshDecisions = reading.decisions.filter { weighing.fresh.contains($0.spaceID) }
        if let crops = weighing.crops, hasDetector(camera) {
            history.adaptation.learnLooks(crops, decisions: freshDecisions, day: day)
        }
        if hasDetector(camera), !far { history.adaptation.learnView(from: reading.decisions, settings: weighing.reader.settings) }
        try await history.learn(from: freshDecisions, settings: weighing.reader.settings, camera: camera, stored: stored)
        return history
    }

    /// Stores the camera's memory back, with this frame's vehicle count and boxes.
    private func remember(_ memory: CameraMemory, reading: FrameReading, camera: String) {
        var updated = memory
        updated.vehicles = reading.vehicles
        if reading.detectorRan || memory.boxes == nil { updated.boxes = FrameBoxes(reading) }
        cameras.withLock { $0[camera] = updated }
    }
}
