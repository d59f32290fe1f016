import Metrics
import ParkWatchMetrics

/// The process-wide metrics, set up once at the start of a long-running command and before the
/// pipeline is built (it reads `MetricsSystem.factory` when built). The returned registry is the
/// one `/metrics` exposes.
enum MetricsBootstrap {
    static func start() -> MetricsRegistry {
        let registry = MetricsRegistry()
        MetricsSystem.bootstrap(registry.factory)
        return registry
    }
}
