import ArgumentParser
import Foundation
import ParkWatchConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Validate a configuration file; every bad field is named with its path and line.")

    @Argument(help: "Configuration file (YAML).")
    var file: String

    func run() throws {
        let report = ConfigCheck.run(URL(fileURLWithPath: file))
        for line in report.summary { print(line) }
        for line in report.warnings + report.errors {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if !report.isValid { throw ExitCode(report.exitCode) }
    }
}
