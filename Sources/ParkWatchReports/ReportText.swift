import Foundation
import ParkWatchAnalytics

/// The report as JSON (snake_case keys, ISO 8601 times), CSV or a readable table, times in the
/// report's zone: what `parkwatch report` prints and the history page downloads.
package enum ReportText {
    package static func json(_ report: OccupancyReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let local = LocalTime(report)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(local(date))
        }
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    package static let csvHeader = "row,start,end,coverage,occupancy_rate,time_weighted_occupied,sample_mean_occupied,samples,p50,p85,peak_rate,peak_at,minimum_rate,hours_above_threshold"

    package static func csv(_ report: OccupancyReport) -> String {
        let local = LocalTime(report)
        var lines = [csvHeader, csvRow("window", local(report.from), local(report.to), report.summary, local)]
        lines += (report.buckets ?? []).map { csvRow("bucket", local($0.start), local($0.end), $0.summary, local) }
        lines += (report.profile ?? []).map { csvRow("\($0.kind.rawValue)", "\($0.slot)", "", $0.summary, local) }
        if let spaces = report.spaces {
            lines += ["", "camera,space,utilisation,complete_sessions,cut_sessions,turnover_per_day,mean_dwell_minutes,median_dwell_minutes"]
            lines += spaces.map { space in
                [space.camera, space.space, number(space.utilisation), "\(space.completeSessions)", "\(space.cutSessions)",
                 number(space.turnoverPerDay), number(space.meanDwellSeconds.map { $0 / 60 }), number(space.medianDwellSeconds.map { $0 / 60 })]
                    .joined(separator: ",")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func csvRow(_ kind: String, _ start: String, _ end: String, _ summary: OccupancySummary, _ local: LocalTime) -> String {
        [kind, start, end, number(summary.coverage), number(summary.occupancyRate), number(summary.timeWeightedOccupied),
         number(summary.sampleMeanOccupied), "\(summary.sampleCount)", number(summary.p50), number(summary.p85),
         number(summary.peak?.rate), summary.peak.map { local($0.at) } ?? "", number(summary.minimum?.rate),
         number(summary.hoursAboveThreshold)].joined(separator: ",")
    }

    package static func table(_ report: OccupancyReport) -> String {
        let local = LocalTime(report)
        let summary = report.summary
        var lines = [
            "\(report.kind.rawValue) \(report.scope) (\(report.cameras.joined(separator: ", "))), \(local(report.from)) to \(local(report.to))",
            "coverage \(percent(summary.coverage)) (readings hold at most \(Int(report.maxStalenessSeconds / 60)) min)",
            "occupancy rate \(percent(summary.occupancyRate)), time-weighted occupied \(number(summary.timeWeightedOccupied)) of \(summary.capacity.map(String.init) ?? "-")",
            "plain mean of \(summary.sampleCount) samples: \(number(summary.sampleMeanOccupied)) occupied",
            "peak \(percent(summary.peak?.rate)) at \(summary.peak.map { local($0.at) } ?? "-"), minimum \(percent(summary.minimum?.rate)) at \(summary.minimum.map { local($0.at) } ?? "-")",
            "p50 \(percent(summary.p50)), p85 \(percent(summary.p85)), \(number(summary.hoursAboveThreshold)) h at or above \(percent(summary.fullThreshold))",
            "photos \(report.photos), mean vehicles \(number(report.averageVehicles))",
        ]
        if let buckets = report.buckets {
            lines += ["", "start\tcoverage\trate\tpeak"] + buckets.map {
                "\(local($0.start))\t\(percent($0.summary.coverage))\t\(percent($0.summary.occupancyRate))\t\(percent($0.summary.peak?.rate))"
            }
        }
        if let profile = report.profile {
            lines += ["", "\(profile.first?.kind.rawValue ?? "slot")\tcoverage\trate"] + profile.map {
                "\($0.slot)\t\(percent($0.summary.coverage))\t\(percent($0.summary.occupancyRate))"
            }
        }
        if let spaces = report.spaces {
            lines += ["", "camera\tspace\tutilisation\tsessions (cut)\tturnover/day\tmedian dwell"] + spaces.map {
                "\($0.camera)\t\($0.space)\t\(percent($0.utilisation))\t\($0.completeSessions) (\($0.cutSessions))\t\(number($0.turnoverPerDay))\t\($0.medianDwellSeconds.map { "\(Int($0 / 60)) min" } ?? "-")"
            }
        }
        return lines.joined(separator: "\n")
    }


    static func number(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "" }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
}

/// ISO 8601 with the report zone's offset, e.g. `2013-02-22T06:25:00-03:00`. One formatter per
/// report: making one per time cost most of a year's JSON.
struct LocalTime {
    private let formatter: ISO8601DateFormatter

    init(_ report: OccupancyReport) {
        formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: report.timezone) ?? .gmt
    }

    func callAsFunction(_ date: Date) -> String { formatter.string(from: date) }
}
