import ArgumentParser
import Foundation
import Logging
import ParkWatchStore
import ParkWatchWeb
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the status pages, the JSON API and booking until SIGTERM or SIGINT.")

    @OptionGroup var web: WebOptions

    @Option(name: .customLong("db"), help: "SQLite database file (default: database of the config, else parkwatch.sqlite).")
    var database: String?

    @Option(help: "Inbox uploads are dropped into (default: inbox of the config, else ./inbox).")
    var inbox: String?

    func run() async throws {
        let configuration = try web.loadConfiguration()
        let inboxURL = URL(fileURLWithPath: inbox ?? configuration?.inbox ?? "inbox")
        let settings = try web.settings(configuration, inbox: inboxURL)
        let store = try ParkWatchDatabase(path: database ?? configuration?.database ?? "parkwatch.sqlite")
        let logger = LogSetup.bootstrap(configuration)
        let metrics = MetricsBootstrap.start()
        let central = try ConfiguredIntegrations.centralBookings(configuration, logger: logger)
        let app = WebApp.buildApplication(store: store, bookings: central?.bookings, settings: settings, metrics: metrics, logger: logger) { port in
            logger.info("serving", metadata: ["url": "http://\(settings.host):\(port)/"])
        }
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)] + (central.map { [$0.pool] } ?? [])
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
