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
        var photos: [[(decision: SpaceDecision, occupied: Bool)]] = []
        for entry in labelled { photos.append(try await read(entry, layout: layout)) }
        let all = photos.flatMap { $0 }
        let weights = fit(all)
        let (before, after) = heldOut(photos)
        try await store.setCameraFusion(CameraFusionRecord(camera: camera, weights: try weights.json(), labels: all.count, fittedAt: time))
        return CalibrationReport(camera: camera, photos: photos.count, labels: all.count, before: before, after: after, weights: weights)
    }

    /// Removes what the camera learnt, from its labels and from its unlabelled frames: the
    /// running service reads its next frame with the prior weights and starts learning afresh.
    /// True when there was anything to remove.
    package func reset(camera: String) async throws -> Bool {
        let calibration = try await store.deleteCameraFusion(camera: camera)
        let history = try await store.deleteCameraHistory(camera: camera)
        return calibration || history
    }

    private func read(_ entry: LabelledPhoto, layout: LotLayout) async throws -> [(decision: SpaceDecision, occupied: Bool)] {
        let image: Image
        do { image = try Image(contentsOfFile: entry.photo.archivedPath) } catch {
            throw PipelineError.nothingToCalibrate(camera: entry.photo.camera, reason: "cannot read \(entry.photo.archivedPath): \(error)")
        }
        let reading = try await reader.read(image, camera: entry.photo.camera, layout: layout)
        if let failure = reading.spacesFailure { throw PipelineError.nothingToCalibrate(camera: entry.photo.camera, reason: failure) }
        return reading.decisions.compactMap { decision in entry.labels[decision.spaceID].map { (decision, $0) } }
    }

    private func fit(_ labelled: [(decision: SpaceDecision, occupied: Bool)]) -> FusionWeights {
        let samples = labelled.map { FusionFit.Sample(evidence: $0.decision.evidence, occupied: $0.occupied) }
        return FusionFit.fit(samples, prior: .prior(settings: settings), priorPrecision: settings.labelPrior)
    }

    /// Each photo held back in turn: judged with the prior, and with weights fitted on the others.
    private func heldOut(_ photos: [[(decision: SpaceDecision, occupied: Bool)]]) -> (before: Double?, after: Double?) {
        guard photos.count >= 2 else { return (nil, nil) }
        var (right, rightAfter, total) = (0, 0, 0)
        for (index, photo) in photos.enumerated() {
            let others = photos.enumerated().filter { $0.offset != index }.flatMap(\.element)
            let weights = fit(others)
            for (decision, occupied) in photo {
                let truth: SpaceState = occupied ? .occupied : .free
                total += 1
                if decision.state == truth { right += 1 }
                if SpaceDecider.redecide(decision, weights: weights, settings: settings).state == truth { rightAfter += 1 }
            }
        }
        return total == 0 ? (nil, nil) : (Double(right) / Double(total), Double(rightAfter) / Double(total))
    }
}
