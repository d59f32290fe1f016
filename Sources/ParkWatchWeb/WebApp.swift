import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ParkWatchMetrics
import ParkWatchStore

/// The one place the web app is wired; `parkwatch serve`, `parkwatch run` and the tests build it here.
package enum WebApp {
    /// Every route of the app, behind its middleware. Middleware order matters: security headers
    /// go on every response (error pages too), errors become responses before that, methods the
    /// app never serves are 405 before anything else, and writes are guarded before any handler
    /// reads a body. `metrics` is the registry `/metrics` exposes:
    /// `parkwatch` passes the one its `MetricsSystem` records into; without one, `/metrics` still
    /// has the gauges it computes at scrape time. `source` is what the pages read: a node's own
    /// database, or the central one of every site.
    package static func buildRouter(
        source: WebSource, settings: WebSettings, clock: WebClock = .system, metrics: MetricsRegistry = MetricsRegistry(), logger: Logger
    ) -> Router<BasicRequestContext> {
        let environment = WebEnvironment(source: source, settings: settings, clock: clock, metrics: metrics, logger: logger)
        let pages = PageRoutes(environment: environment)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(logger: logger, shell: pages.shell))
        router.add(middleware: MethodGuardMiddleware())
        router.add(middleware: WriteGuardMiddleware(check: environment.apiToken, sessions: environment.sessions, clock: environment.clock))
        pages.add(to: router)
        SignInRoutes(environment: environment).add(to: router)
        BookingPageRoutes(environment: environment).add(to: router)
        LabelRoutes(environment: environment).add(to: router)
        LayoutRoutes(environment: environment).add(to: router)
        LotRoutes(environment: environment).add(to: router)
        HistoryRoutes(environment: environment).add(to: router)
        PhotoRoutes(environment: environment).add(to: router)
        BookingRoutes(environment: environment).add(to: router)
        MetricsRoutes(environment: environment).add(to: router)
        return router
    }

    /// The server as a swift-service-lifecycle `Service`. `onListening` receives the bound port
    /// (useful with port 0, as the tests use). Hummingbird's HTTP/1 idle timeout restarts only
    /// when a whole request part is read, so it also bounds how long a request head may take.
    package static func buildApplication(
        source: WebSource, settings: WebSettings, clock: WebClock = .system, metrics: MetricsRegistry = MetricsRegistry(), logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(source: source, settings: settings, clock: clock, metrics: metrics, logger: logger),
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(settings.idleTimeout * 1e9)))),
            configuration: .init(
                address: .hostname(settings.host, port: settings.port), serverName: "ParkWatch",
                availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections, logger: logger)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
            logger: logger)
    }
}
