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

extension StageTimings {
    /// Each stage by name, in pipeline order. A stage a photo skipped (no decode for a
    /// duplicate, no spaces without a layout) is 0, which `PipelineMetrics` leaves out.
    package var stages: [(name: String, milliseconds: Double)] {
        [("read", read), ("decode", decode), ("detect", detect), ("spaces", spaces), ("store", store), ("move", move)]
    }
}
