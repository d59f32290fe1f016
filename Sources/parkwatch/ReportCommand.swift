import ArgumentParser
import Foundation
import ParkWatchAnalytics
import ParkWatchConfig
import ParkWatchReports

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "How occupied a camera or lot was over a window: time-weighted average, rate, peaks, buckets, spaces.",
        discussion: "Definitions: docs/analytics.md. Stored in UTC; shown in --tz.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var central: CentralOption

    @Option(help: "Only this camera.")
    var camera: String?

    @Option(help: "A lot of the configuration: all its cameras together.")
    var lot: String?

    @Option(help: "Start of the window (inclusive); without a zone, in --tz.")
    var from: Instant

    @Option(help: "End of the window (exclusive); without a zone, in --tz.")
    var to: Instant

    @Option(help: "Figures per bucket: hour, day or week (calendar, in --tz).")
    var bucket: BucketSize?

    @Option(help: "Typical day or week: hour-of-day, day-of-week or hour-of-week.")
    var profile: ProfileChoice?

    @Flag(help: "Per-space utilisation, sessions, turnover and dwell.")
    var spaces = false

    @Option(help: "table, csv or json.")
    var format: ReportFormat = .table

    @Flag(help: "Same as --format json.")
    var json = false

    @Option(help: "Time zone the report is shown in (IANA id).")
    var tz = "UTC"

    @Option(name: .customLong("max-staleness"), help: "Minutes a reading holds at most before time counts as unobserved.")
    var maxStaleness = 15.0

    @Option(help: "Configuration file: its database, lots, and capacities of cameras without a layout.")
    var config: String?

    func validate() throws {
        let zone = TimeZone(identifier: tz) ?? .gmt
        if to.date(in: zone) <= from.date(in: zone) { throw ValidationError("--to must be after --from") }
        if camera != nil && lot != nil { throw ValidationError("give --camera or --lot, not both") }
        if TimeZone(identifier: tz) == nil { throw ValidationError("unknown time zone '\(tz)'") }
        if maxStaleness <= 0 { throw ValidationError("--max-staleness must be positive") }
    }

    func run() async throws {
        let configuration = try config.map { try ConfigurationLoader.load(URL(fileURLWithPath: $0)) }
        let zone = TimeZone(identifier: tz) ?? .gmt
        let window = AnalyticsWindow(from: from.date(in: zone), to: to.date(in: zone), timeZone: zone, maxStaleness: maxStaleness * 60)
        let request = OccupancyReport.Request(window: window, bucket: bucket, profile: profile?.kind, spaces: spaces)
        // The central database knows each site's lots; a configuration there would name one node's cameras.
        let (camera, lot) = (camera, lot)
        let centralReport = try await central.using { source in
            let scope = try await ReportScope.resolve(camera: camera, lot: lot, configuration: nil, store: source)
            return try await OccupancyReport.build(request, scope: scope, store: source)
        }
        let report = if let centralReport { centralReport } else { try await localReport(request, configuration: configuration) }
        switch json ? .json : format {
        case .json: print(try ReportText.json(report))
        case .csv: print(ReportText.csv(report))
        case .table: print(ReportText.table(report))
        }
    }
}

extension ReportCommand {
    func localReport(_ request: OccupancyReport.Request, configuration: Configuration?) async throws -> OccupancyReport {
        let store = try database.openExisting(configured: configuration?.database)
        let scope = try await ReportScope.resolve(camera: camera, lot: lot, configuration: configuration, store: store)
        return try await OccupancyReport.build(request, scope: scope, store: store)
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

enum ProfileChoice: String, ExpressibleByArgument, CaseIterable {
    case hourOfDay = "hour-of-day", dayOfWeek = "day-of-week", hourOfWeek = "hour-of-week"

    var kind: ProfileKind {
        switch self {
        case .hourOfDay: .hourOfDay
        case .dayOfWeek: .dayOfWeek
        case .hourOfWeek: .hourOfWeek
        }
    }
}

extension BucketSize: ExpressibleByArgument {}
