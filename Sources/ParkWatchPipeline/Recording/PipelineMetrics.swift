import CoreMetrics
import ParkWatchStore

/// Counts each stored row's outcome and times its stages through swift-metrics. The pipeline only
/// knows the `MetricsFactory` it was given, so `main` decides the exporter (Prometheus) and a
/// test can hand in a factory over its own registry instead of relying on the global bootstrap.
package struct PipelineMetrics: Sendable {
    /// `parkwatch_photos_total{camera, outcome}`: rows stored, photos and stream samples; outcome is the stored status (ok, rejected, duplicate).
    package static let photosLabel = "parkwatch_photos_total"
    /// `parkwatch_stage_seconds{stage}`: one observation per stage a photo went through.
    package static let stageLabel = "parkwatch_stage_seconds"

    /// `parkwatch_spaces_total{camera}`: spaces in each reading; `parkwatch_spaces_reread_total{camera}`:
    /// those the classifier read afresh (the gate kept the others). Their ratio is the share re-read.
    package static let spacesLabel = "parkwatch_spaces_total"
    package static let rereadLabel = "parkwatch_spaces_reread_total"
    /// `parkwatch_detector_passes_total{camera}`: detector network passes (whole frame and tiles);
    /// over `parkwatch_photos_total{outcome="ok"}`, the passes per photo.
    package static let passesLabel = "parkwatch_detector_passes_total"
    /// `parkwatch_camera_view_shift_pixels{camera}`: for a layout with a reference photo, how far the
    /// view moved from it (its spaces follow); -1 while the reference cannot be found in the view.
    package static let viewShiftLabel = "parkwatch_camera_view_shift_pixels"

    let factory: any MetricsFactory

    package init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Whatever `MetricsSystem.bootstrap` installed (a no-op factory when nothing was), read at
    /// build time so `main` must bootstrap before it builds the pipeline.
    package static var bootstrapped: PipelineMetrics { PipelineMetrics(factory: MetricsSystem.factory) }

    /// Records a stored row (photo or stream sample) and the time each stage took for it.
    package func record(_ record: PhotoRecord, timings: StageTimings) {
        Counter(label: Self.photosLabel, dimensions: [("camera", record.camera), ("outcome", record.status.rawValue)], factory: factory)
            .increment()
        for (stage, milliseconds) in timings.stages where milliseconds > 0 {
            CoreMetrics.Timer(label: Self.stageLabel, dimensions: [("stage", stage)], factory: factory)
                .recordNanoseconds(Int64((milliseconds * 1_000_000).rounded()))
        }
    }
}

extension PipelineMetrics {
    /// What the gate saved on one frame: spaces re-read and detector passes.
    package func record(_ reading: FrameReading, camera: String) {
        let dimensions = [("camera", camera)]
        if !reading.decisions.isEmpty {
            Counter(label: Self.spacesLabel, dimensions: dimensions, factory: factory).increment(by: reading.decisions.count)
            Counter(label: Self.rereadLabel, dimensions: dimensions, factory: factory).increment(by: reading.reclassified)
        }
        Counter(label: Self.passesLabel, dimensions: dimensions, factory: factory).increment(by: reading.detectorPasses)
        if let shift = reading.viewShift ?? (reading.viewLost ? -1 : nil) {
            Gauge(label: Self.viewShiftLabel, dimensions: dimensions, factory: factory).record(shift)
        }
    }
}

extension StageTimings {
    /// Each stage by name, in pipeline order. A stage a photo skipped (no decode for a
    /// duplicate, no spaces without a layout) is 0, which `PipelineMetrics` leaves out.
    package var stages: [(name: String, milliseconds: Double)] {
        [("read", read), ("decode", decode), ("detect", detect), ("spaces", spaces), ("store", store), ("move", move)]
    }
}
