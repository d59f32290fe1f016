import ArgumentParser
import Foundation
import Logging
import ParkWatchCentral
import ParkWatchConfig
import ParkWatchStore
import ParkWatchWeb
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the status pages, the JSON API and booking until SIGTERM or SIGINT.",
        discussion: """
            With --central the pages, reports and bookings read every site from the central database; photos, labels, \
            uploads and layouts stay on each site's own `serve`.
            """)

    @OptionGroup var web: WebOptions
    @OptionGroup var central: CentralOption

    @Option(name: .customLong("db"), help: "SQLite database file (default: database of the config, else parkwatch.sqlite).")
    var database: String?

    @Option(help: "Inbox uploads are dropped into (default: inbox of the config, else ./inbox).")
    var inbox: String?

    func validate() throws {
        if central.central != nil && (database != nil || inbox != nil) {
            throw ValidationError("--central reads every site from the central database: give it without --db and --inbox")
        }
    }

    func run() async throws {
        let configuration = try web.loadConfiguration()
        let logger = LogSetup.bootstrap(configuration)
        var settings = try web.settings(configuration, inbox: URL(fileURLWithPath: inbox ?? configuration?.inbox ?? "inbox"))
        let (source, pool): (WebSource, ServiceGroupConfiguration.ServiceConfiguration?)
        if let database = try central.database(logger: logger) {
            // The configuration's lots name one node's cameras; the central database names every site's.
            settings.lots = .empty
            (source, pool) = (.central(database), .init(service: CentralPool(database: database, logger: logger)))
        } else {
            (source, pool) = try nodeSource(configuration, logger: logger)
        }
        let (host, metrics) = (settings.host, MetricsBootstrap.start())
        let app = WebApp.buildApplication(source: source, settings: settings, metrics: metrics, logger: logger) { port in
            logger.info("serving", metadata: ["url": "http://\(host):\(port)/"])
        }
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app)] + (pool.map { [$0] } ?? [])
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The node's own database, its bookings in the central one (through a pool of the group)
    /// when the configuration has one.
    private func nodeSource(_ configuration: Configuration?, logger: Logger) throws
        -> (WebSource, ServiceGroupConfiguration.ServiceConfiguration?) {
        let store = try ParkWatchDatabase(path: database ?? configuration?.database ?? "parkwatch.sqlite")
        let central = try ConfiguredIntegrations.centralBookings(configuration, logger: logger)
        return (.node(store, bookings: central?.bookings), central?.pool)
    }
}
