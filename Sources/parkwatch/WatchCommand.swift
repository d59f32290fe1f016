import ArgumentParser
import Foundation
import Logging
import ParkWatchInbox
import ServiceLifecycle

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Process photos dropped into the inbox until SIGTERM or SIGINT.")

    @Option(help: "Folder cameras drop photos into; camera id = first folder below it.")
    var inbox = "inbox"

    @Option(help: "Folder photos are filed into, by capture date.")
    var archive = "archive"

    @Option(name: .customLong("db"), help: "SQLite database file.")
    var database = "parkwatch.sqlite"

    @Option(help: "YOLOX-Nano ONNX weights (default: $PARKWATCH_MODEL, else models/yolox_nano.onnx).")
    var model: String?

    @Option(help: "Time zone of the cameras' clocks (EXIF and file-name times), e.g. Europe/Rome.")
    var timezone = "UTC"

    func validate() throws {
        if TimeZone(identifier: timezone) == nil { throw ValidationError("unknown time zone '\(timezone)'") }
    }

    func run() async throws {
        var settings = WatchSettings(model: ModelLocator.resolve(explicit: model))
        settings.inbox = URL(fileURLWithPath: inbox)
        settings.archive = URL(fileURLWithPath: archive)
        settings.database = database
        settings.timeZone = TimeZone(identifier: timezone) ?? .gmt
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "parkwatch")
        let service = try InboxPipeline.buildService(settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
