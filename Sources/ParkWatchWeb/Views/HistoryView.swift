import Foundation
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchSpaces

/// `/history`: the picker (lot or camera, window), then the report as pictures: the occupancy
/// rate over time, the typical week as a heat map, each space's utilisation over its camera's
/// photo, the window's figures, and the downloads.
struct HistoryView: Sendable {
    let time: TimeText

    func picker(_ query: HistoryQuery, lots: [LotDefinition]) -> String {
        let subjects = lots.map { lot in option("lot:\(lot.id)", "Lot \(lot.id)", selected: query.subject == .lot(lot.id)) }
            + lots.flatMap(\.cameras).filter { camera in !lots.contains { $0.id == camera.id } }.map {
                option("camera:\($0.id)", "Camera \($0.id)", selected: query.subject == .camera($0.id))
            }
        let calendar = HistoryQuery.calendar(time.timeZone)
        let ranges = [("today", "Today"), ("7d", "7 days"), ("30d", "30 days"), ("custom", "Custom")].map {
            option($0.0, $0.1, selected: query.range.rawValue == $0.0)
        }
        return """
            <div class="page-head"><div><h1>History</h1><p>How occupied a lot or camera was, in \(h(time.timeZone.identifier)) time.</p></div></div>
            <form class="card history-picker" method="get" action="/history" id="history-form">
              <label>Lot or camera <select name="subject" id="history-subject">\(subjects.joined())</select></label>
              <label>Window <select name="range" id="history-range">\(ranges.joined())</select></label>
              <label>From <input type="date" name="from" value="\(HistoryQuery.dayText(query.window.from, calendar))"></label>
              <label>To <input type="date" name="to" value="\(HistoryQuery.dayText(query.window.to - 1, calendar))"></label>
              <button class="button" type="submit">Show</button>
            </form>
            """
    }

    /// One decimal below 10 %, where a whole number would round a morning in a week down to 0 %.
    static func finePercent(_ rate: Double) -> String {
        rate < 0.1 && rate > 0 ? String(format: "%.1f\u{00A0}%%", rate * 100) : percent(rate)
    }

    private func option(_ value: String, _ label: String, selected: Bool) -> String {
        "<option value=\"\(h(value))\"\(selected ? " selected" : "")>\(h(label))</option>"
    }

    func report(_ report: OccupancyReport, query: HistoryQuery, spaces: [SpaceMap]) -> String {
        let charts = HistoryCharts(time: time)
        let download = { (format: String) in "/api/history?\(h(query.parameters(extra: ["format": format])))" }
        return """
            <section class="card history" data-scope="\(h(report.scope))">
              <h2>\(h(report.kind.rawValue.capitalized)) \(h(report.scope)) · \(h(time.dayAndTime(report.from))) to \(h(time.dayAndTime(report.to)))</h2>
              \(figures(report))
              <h3>Occupancy over time</h3>
              \(charts.rateOverTime(report.buckets ?? [], from: report.from, to: report.to))
              <h3>A typical week</h3>
              \(charts.weekHeatMap(report.profile ?? []))
              <h3>Spaces</h3>
              \(spaces.isEmpty ? "<p class=\"empty-state\">No layout with a stored photo: spaces cannot be drawn.</p>" : spaces.map(charts.spaceMap).joined())
              <p class="downloads">Download this report: <a href="\(download("csv"))" download>CSV</a> · <a href="\(download("json"))" download>JSON</a> \
              (the same as <code>parkwatch report --\(report.kind == .camera ? "camera" : "lot") \(h(report.scope)) --spaces --profile hour-of-week</code>)</p>
            </section>
            """
    }

    private func figures(_ report: OccupancyReport) -> String {
        let summary = report.summary
        let rate = summary.occupancyRate.map(percent) ?? "—"
        let peak = summary.peak.map { "\(percent($0.rate)) <small>\(h(time.dayAndTime($0.at)))</small>" } ?? "—"
        let items = [
            ("Average occupancy", rate), ("Peak", peak), ("Coverage", Self.finePercent(summary.coverage)),
            ("Photos", "\(report.photos)"), ("Time at or above \(percent(summary.fullThreshold))", summary.hoursAboveThreshold.map { String(format: "%.1f h", $0) } ?? "—"),
        ]
        return "<dl class=\"figures\">" + items.map { "<div><dt>\(h($0.0))</dt><dd>\($0.1)</dd></div>" }.joined() + "</dl>"
    }
}

/// One camera's photo with its spaces coloured by how much of the window each was occupied.
struct SpaceMap: Sendable {
    var camera: String
    var photoID: Int64
    var width: Int
    var height: Int
    var spaces: [ParkingSpace]
    var utilisation: [String: Double?]
}
