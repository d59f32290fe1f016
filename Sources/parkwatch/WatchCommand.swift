import ArgumentParser
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchStreams
import ServiceLifecycle

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Process photos dropped into the inbox until SIGTERM or SIGINT.")

    @OptionGroup var options: WatchOptions

    @Option(help: "Configuration file (parkwatch.yaml): cameras, layouts, thresholds. See docs/configuration.md.")
    var config: String?

    func run() async throws {
        let configuration = try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
        let logger = LogSetup.bootstrap(configuration)
        let settings = options.settings(configuration)
        let service = try InboxPipeline.buildService(settings, logger: logger)
        let streams = try ConfiguredStreams.services(configuration, watch: settings, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)] + streams, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
