import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchWeb

/// Options of the web server, shared by `serve` and `run`. Flags win over the configuration
/// file, which wins over the defaults. The API token is only read from the file, so it never
/// shows in a process list.
struct WebOptions: ParsableArguments {
    @Option(help: "Configuration file (parkwatch.yaml): lots and layouts, web.host/port/token.")
    var config: String?

    @Option(help: "Address to listen on (default: web.host of the config, else 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: web.port of the config, else 8080).")
    var port: Int?

    @Option(name: .customLong("max-upload-mb"), help: "Largest photo accepted by POST /api/photos, in MB.")
    var maxUploadMB = 20

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !(1...1000).contains(maxUploadMB) { throw ValidationError("--max-upload-mb must be between 1 and 1000") }
    }

    func loadConfiguration() throws -> Configuration? {
        try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
    }

    func settings(_ configuration: Configuration?, inbox: URL) throws -> WebSettings {
        var settings = try configuration.map(WebSettings.init(configuration:)) ?? WebSettings()
        if let host { settings.host = host }
        if let port { settings.port = port }
        settings.maxUploadBytes = maxUploadMB * 1_000_000
        settings.inbox = inbox
        return settings
    }
}
