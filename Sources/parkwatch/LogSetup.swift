import Logging
import ParkWatchConfig

/// Structured logs to standard error (journald keeps them under systemd), at the configuration's
/// `log_level`; `info` without a configuration.
enum LogSetup {
    static func bootstrap(_ configuration: Configuration?) -> Logger {
        let level = configuration.flatMap { Logger.Level(rawValue: $0.logLevel) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "parkwatch")
    }
}
