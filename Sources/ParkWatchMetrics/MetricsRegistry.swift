import CoreMetrics
import Prometheus

/// One process's metrics: what the pipeline records through swift-metrics (via `factory`) and
/// the gauges `/metrics` computes at scrape time land in the same Prometheus registry, and are
/// exposed from it. `parkwatch` makes one and bootstraps `MetricsSystem` with its factory; a test
/// makes its own, so nothing depends on the global bootstrap order.
package struct MetricsRegistry: Sendable {
    /// `parkwatch_inbox_backlog_files`
    static var backlog: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parkwatch", subsystem: "inbox", metricName: "backlog", unitName: "files",
            helpText: "Files waiting in the inbox to be processed.")
    }
    /// `parkwatch_last_photo_age_seconds{camera}`
    static var lastPhotoAge: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parkwatch", metricName: "last_photo_age", unitName: "seconds",
            helpText: "Seconds since the capture time of the camera's newest counted photo.")
    }
    /// `parkwatch_central_backlog_photos{central}`
    static var centralBacklog: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parkwatch", subsystem: "central", metricName: "backlog", unitName: "photos",
            helpText: "Photos stored here and not yet forwarded to the central database.")
    }
    /// `parkwatch_central_lag_seconds{central}`
    static var centralLag: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parkwatch", subsystem: "central", metricName: "lag", unitName: "seconds",
            helpText: "Seconds since the oldest photo not yet forwarded was received; 0 when none waits.")
    }
    /// The Prometheus text exposition format.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Stage latencies range from about a millisecond (a move) to seconds (detection on a large
    /// photo): the library's default buckets start at 5 ms and would lump the fast stages together.
    package static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    package let prometheus: PrometheusCollectorRegistry

    package init(prometheus: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.prometheus = prometheus
    }

    /// A swift-metrics factory writing into this registry, timers with `durationBuckets`.
    package var factory: any MetricsFactory {
        var factory = PrometheusMetricsFactory(registry: prometheus)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        return factory
    }

    /// Files waiting in the inbox, as counted at scrape time.
    package func setBacklog(_ files: Int) {
        prometheus.makeGauge(descriptor: Self.backlog).set(Double(files))
    }

    /// Seconds since the capture of a camera's newest counted photo, as computed at scrape time.
    package func setLastPhotoAge(camera: String, seconds: Double) {
        prometheus.makeGauge(descriptor: Self.lastPhotoAge, labels: [("camera", camera)]).set(seconds)
    }

    /// What waits for a central database (`central`: its address and this node's site).
    package func setCentralBacklog(central: String, photos: Int, lagSeconds: Double) {
        prometheus.makeGauge(descriptor: Self.centralBacklog, labels: [("central", central)]).set(Double(photos))
        prometheus.makeGauge(descriptor: Self.centralLag, labels: [("central", central)]).set(lagSeconds)
    }

    /// Every registered metric in the text exposition format.
    package func exposition() -> [UInt8] {
        prometheus.emitToBuffer()
    }
}
