import ArgumentParser
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchStore
import ParkWatchStreams
import ParkWatchVision
import ParkWatchWeb
import ServiceLifecycle

/// `watch` and `serve` in one process: one service group, so SIGTERM/SIGINT stops the server
/// and lets the watcher finish the photo in hand, and either failing stops both.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Watch the inbox and serve the web app together until SIGTERM or SIGINT.")

    @OptionGroup var web: WebOptions

    @OptionGroup var watch: WatchOptions

    func run() async throws {
        let configuration = try web.loadConfiguration()
        let watch = self.watch.settings(configuration)
        let webSettings = try web.settings(configuration, inbox: watch.inbox)
        let logger = LogSetup.bootstrap(configuration)
        let metrics = MetricsBootstrap.start()
        let parts = try PipelineParts(watch)
        let watcher = try InboxPipeline.buildService(parts, logger: logger)
        let central = try ConfiguredIntegrations.centralBookings(configuration, logger: logger)
        let app = WebApp.buildApplication(
            source: .node(parts.store, bookings: central?.bookings), settings: webSettings, metrics: metrics, logger: logger
        ) { port in
            logger.info("serving", metadata: ["url": "http://\(webSettings.host):\(port)/"])
        }
        let streams = try ConfiguredStreams.services(configuration, parts: parts, logger: logger)
        let integrations = try ConfiguredIntegrations.services(configuration, parts: parts, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: watcher), .init(service: app)] + streams + integrations + (central.map { [$0.pool] } ?? []),
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
