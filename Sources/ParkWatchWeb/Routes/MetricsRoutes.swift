import Foundation
import Hummingbird
import ParkWatchInbox
import ParkWatchMetrics
import Prometheus

/// `GET /metrics`: the Prometheus text exposition. Unauthenticated like any scrape target, and
/// read-only. Counters and stage histograms are what this process's pipeline recorded; the
/// backlog and photo ages are computed here at each scrape from the inbox folder and the
/// database, so `serve` running apart from `watch` still reports them.
struct MetricsRoutes: Sendable {
    let environment: WebEnvironment

    static var ignoredFiles: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "parkwatch", subsystem: "inbox", metricName: "ignored", unitName: "files",
            helpText: "Files the watcher does not take, left past the limit or in a refused camera folder.")
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in try await scrape() }
    }

    func scrape() async throws -> Response {
        let metrics = environment.metrics
        let now = environment.clock.now()
        metrics.setBacklog(InboxScanner.backlog(in: environment.settings.inbox))
        // File ages are against the wall clock, the one the file system stamps them with.
        let ignored = IgnoredFiles.scan(environment.settings.inbox, olderThan: environment.settings.ignoredAfter)
        metrics.prometheus.makeGauge(descriptor: Self.ignoredFiles).set(Double(ignored.count))
        for camera in try await environment.readings.cameras() {
            // Cameras with only rejected or duplicate photos have no counted one to age from.
            guard let photo = try await environment.readings.latestCountedPhoto(camera: camera) else { continue }
            metrics.setLastPhotoAge(camera: camera, seconds: now.timeIntervalSince(photo.capturedAt))
        }
        for backlog in try await environment.ownStore?.forwardBacklogs() ?? [] {
            metrics.setCentralBacklog(
                central: backlog.target, photos: backlog.photos,
                lagSeconds: backlog.oldestReceivedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        }
        return Response(
            status: .ok, headers: [.contentType: MetricsRegistry.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}
