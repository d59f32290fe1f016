import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// What `parkwatch calibrate` found: the camera's labelled photos judged with the prior weights
/// and, each held back in turn, with weights fitted on the others; and the weights fitted on all,
/// now stored.
package struct CalibrationReport: Sendable, Encodable {
    package var camera: String
    package var photos: Int
    package var labels: Int
    /// Accuracy on the held-back labels: with the prior weights, and with the refitted ones.
    /// nil with a single labelled photo: nothing can be held back.
    package var before: Double?
    package var after: Double?
    package var weights: FusionWeights
    /// Spaces labelled free in at least one photo, whose look there is now one of their empty looks.
    package var lookedFree: Int
    /// The detector boxed the labelled vehicles (`LabelCalibration.sideView`).
    package var sideView: Bool

    enum CodingKeys: String, CodingKey {
        case camera, photos, labels, before, after, weights
        case lookedFree = "looked_free", sideView = "side_view"
    }
}

/// Refits a camera's fusion from its labelled photos and stores it, where every running reader
/// picks it up on the camera's next frame.
package struct CameraCalibrator: Sendable {
    let store: ParkWatchDatabase
    /// Reads with the prior weights: the evidence is what the fit weighs.
    let reader: FrameReader
    let settings: SpaceDecisionSettings
    let layouts: CameraLayouts

    package init(parts: PipelineParts) {
        store = parts.store
        reader = FrameReader(
            detector: parts.detector, spaces: parts.spaces, options: .singleFrames, cameraDetectors: parts.cameraDetectors,
            light: parts.settings.light, cameraLights: parts.settings.cameraLights)
        settings = parts.settings.spaces
        layouts = parts.layouts
    }

    package func calibrate(camera: String, at time: Date = Date()) async throws -> CalibrationReport {
        guard let layout = layouts[camera] else {
            throw PipelineError.nothingToCalibrate(camera: camera, reason: "it has no layout in the configuration")
        }
        let labelled = try await store.labelledPhotos(camera: camera)
        guard !labelled.isEmpty else {
            throw PipelineError.nothingToCalibrate(camera: camera, reason: "no labelled photo (`parkwatch label import`, or the web app's labelling page)")
        }
        var photos: [(reading: FrameReading, labels: [String: Bool])] = []
        for entry in labelled { photos.append((try await read(entry, layout: layout), entry.labels)) }
        let calibration = Self.calibration(photos, settings: settings)
        let labels = photos.map { photo in photo.reading.decisions.filter { photo.labels[$0.spaceID] != nil }.count }.reduce(0, +)
        let (before, after) = heldOut(photos, layout: layout)
        let looks = calibration.looks.spaces.isEmpty ? nil : String(decoding: try JSONEncoder().encode(calibration.looks), as: UTF8.self)
        try await store.setCameraFusion(CameraFusionRecord(
            camera: camera, weights: try calibration.weights.json(), emptyLooks: looks, sideView: calibration.sideView, labels: labels,
            fittedAt: time))
        return CalibrationReport(
            camera: camera, photos: photos.count, labels: labels, before: before, after: after, weights: calibration.weights,
            lookedFree: calibration.looks.spaces.count, sideView: calibration.sideView)
    }

    static func calibration(
        _ photos: some Sequence<(reading: FrameReading, labels: [String: Bool])>, settings: SpaceDecisionSettings
    ) -> LabelCalibration {
        var frames = LabelCalibration.Frames()
        for (reading, labels) in photos { frames.add(reading.decisions, labels: labels, crops: reading.spaceCrops, settings: settings) }
        return frames.calibration(settings: settings)
    }

    /// Removes what the camera learnt, from its labels and from its unlabelled frames: the
    /// running service reads its next frame with the prior weights and starts learning afresh.
    /// True when there was anything to remove.
    package func reset(camera: String) async throws -> Bool {
        let calibration = try await store.deleteCameraFusion(camera: camera)
        let history = try await store.deleteCameraHistory(camera: camera)
        return calibration || history
    }

    private func read(_ entry: LabelledPhoto, layout: LotLayout) async throws -> FrameReading {
        let image: Image
        do { image = try Image(contentsOfFile: entry.photo.archivedPath) } catch {
            throw PipelineError.nothingToCalibrate(camera: entry.photo.camera, reason: "cannot read \(entry.photo.archivedPath): \(error)")
        }
        let reading = try await reader.read(image, camera: entry.photo.camera, layout: layout)
        if let failure = reading.spacesFailure { throw PipelineError.nothingToCalibrate(camera: entry.photo.camera, reason: failure) }
        return reading
    }

    /// Each photo held back in turn: judged with the prior, and with the weights and looks
    /// calibrated on the others (its missing boxes weigh as they did when it was read: a side
    /// view the labels show counts from the camera's next frame).
    private func heldOut(_ photos: [(reading: FrameReading, labels: [String: Bool])], layout: LotLayout) -> (before: Double?, after: Double?) {
        guard photos.count >= 2 else { return (nil, nil) }
        var (right, rightAfter, total) = (0, 0, 0)
        for (index, (reading, labels)) in photos.enumerated() {
            let others = Self.calibration(photos.enumerated().filter { $0.offset != index }.map(\.element), settings: settings)
            let judged = reading.layout ?? layout
            let looksEmpty = reading.spaceCrops.map {
                SpaceWeighing.looksEmpty($0, boxes: reading.boxes, layout: judged, among: Set(labels.keys), looks: others.looks)
            } ?? []
            for decision in reading.decisions {
                guard let occupied = labels[decision.spaceID] else { continue }
                let truth: SpaceState = occupied ? .occupied : .free
                var held = decision
                held.evidence.looksEmpty = looksEmpty.contains(decision.spaceID) && !decision.evidence.anchored
                total += 1
                if decision.state == truth { right += 1 }
                if SpaceDecider.redecide(held, weights: others.weights, settings: settings).state == truth { rightAfter += 1 }
            }
        }
        return total == 0 ? (nil, nil) : (Double(right) / Double(total), Double(rightAfter) / Double(total))
    }
}
