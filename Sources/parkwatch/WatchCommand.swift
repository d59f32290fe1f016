import ArgumentParser
import Foundation
import Logging
import ParkWatchConfig
import ParkWatchInbox
import ParkWatchPipeline
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
        let parts = try PipelineParts(settings)
        let service = try InboxPipeline.buildService(parts, logger: logger)
        let streams = try ConfiguredStreams.services(configuration, parts: parts, logger: logger)
        let integrations = try ConfiguredIntegrations.services(configuration, parts: parts, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)] + streams + integrations, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
