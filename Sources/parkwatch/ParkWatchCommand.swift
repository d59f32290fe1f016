import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchVision

struct ParkWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parkwatch",
        abstract: "Counts vehicles in parking-lot photos dropped into an inbox folder.",
        subcommands: [
            WatchCommand.self, AnalyzeCommand.self, HistoryCommand.self, ReportCommand.self, LotCommand.self, EvalCommand.self,
            ServeCommand.self, RunCommand.self, CheckConfigCommand.self, PruneCommand.self,
            StreamCommand.self, AnnotateCommand.self, StatusCommand.self, LabelCommand.self, CalibrateCommand.self,
            ReplayCommand.self,
        ]
    )
}

/// Exit codes are part of the contract: 0 success, 1 runtime failure, 2 bad usage.
/// Errors are one line on stderr; usage errors add the usage text ArgumentParser prints.
@main
enum Entry {
    static func main() async {
        do {
            var command = try ParkWatchCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            finish(with: error)
        }
        exit(0)
    }

    /// Help and version are a success; a usage error prints ArgumentParser's message and usage;
    /// anything else is a runtime failure, one line.
    private static func finish(with error: any Error) -> Never {
        switch ParkWatchCommand.exitCode(for: error) {
        case .success:
            print(ParkWatchCommand.fullMessage(for: error))
            Foundation.exit(0)
        case .validationFailure:
            FileHandle.standardError.write(Data((ParkWatchCommand.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        default:
            if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
            FileHandle.standardError.write(Data("parkwatch: \(error)\(hint(for: error))\n".utf8))
            Foundation.exit(1)
        }
    }

    private static func hint(for error: any Error) -> String {
        guard case .modelNotFound = error as? VisionError else { return "" }
        return " (`make setup` installs the default model; or pass --model, or set \(ModelLocator.detector.environmentKey))"
    }
}
