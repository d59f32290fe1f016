import ArgumentParser
import Foundation
import ParkWatchConfig
import ParkWatchArchive

/// Archive retention: deletes archived photos (and their overlays) whose dated folder is older
/// than the camera's `archive_days`. Readings stay in the database. Safe to run from cron or a
/// systemd timer while the service runs: only folders of past days are touched.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete archived photos older than each camera's archive_days (readings stay in the database).")

    @Option(help: "Configuration file: archive folder, time zone, cameras.<id>.archive_days and retention.archive_days.")
    var config: String?

    @Option(help: "Archive folder (default: the config's archive, else ./archive).")
    var archive: String?

    @Option(name: .customLong("older-than"), help: "Days to keep for cameras the config gives no archive_days.")
    var olderThan: Int?

    @Option(help: "Only this camera.")
    var camera: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would be deleted; delete nothing.")
    var dryRun = false

    @Flag(name: .customLong("include-rejected"), help: "Also prune archive/rejected/ (bad input kept as evidence).")
    var includeRejected = false

    func validate() throws {
        if let olderThan, olderThan < 1 { throw ValidationError("--older-than must be at least 1 day") }
    }

    func run() throws {
        let configuration = try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
        let root = URL(fileURLWithPath: archive ?? (configuration ?? .defaults).archive)
        let policy = self.policy(configuration)
        guard policy.defaultDays != nil || !policy.cameraDays.isEmpty else {
            print("no retention set (archive_days or --older-than): nothing deleted")
            return
        }
        let expired = ArchivePruner.plan(
            ArchivePruner.list(root), policy: policy, now: Date(), timeZone: (configuration ?? .defaults).timeZone)
        report(expired, root: root)
        guard !dryRun else { return }
        let failures = ArchivePruner.delete(expired, under: root)
        for failure in failures {
            FileHandle.standardError.write(Data("parkwatch: could not delete \(failure.path): \(failure.error)\n".utf8))
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// Camera value, else `retention.archive_days`, else `--older-than` (as the issue orders them).
    func policy(_ configuration: Configuration?) -> ArchivePruner.Policy {
        let cameraDays = (configuration?.cameras ?? [:]).compactMapValues(\.archiveDays)
        return ArchivePruner.Policy(
            defaultDays: configuration?.retention.archiveDays ?? olderThan, cameraDays: cameraDays,
            camera: camera, includeRejected: includeRejected)
    }

    private func report(_ expired: [ArchivePruner.Expired], root: URL) {
        let verb = dryRun ? "would delete" : "deleting"
        for item in expired { print("\(verb) \(root.appendingPathComponent(item.path).path)") }
        print("\(expired.count) file(s) \(dryRun ? "would be deleted" : "deleted")")
    }
}
