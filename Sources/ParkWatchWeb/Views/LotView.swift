import Foundation
import ParkWatchAnalytics

/// `/lots/{id}`: the lot's overlay and day chart beside a table of its spaces with their
/// state, the classifier's confidence and their reservations.
struct LotView: Sendable {
    let time: TimeText
    /// Whether this is a site's own app, with its cameras' pictures and layout files.
    var atSite = true

    func content(_ status: LotStatus, day: [BucketSummary], now: Date) -> String {
        let dashboard = DashboardView(time: time, atSite: atSite)
        let chart = ChartView(time: time)
        return """
            <div class="page-head"><div><h1>\(h(status.lot))</h1><p>\(status.available) of \(status.total) spaces free · \
            \(status.occupied) occupied · \(status.reserved) reserved · \(status.unknown) unknown</p></div>\
            <div class="actions"><a class="button" href="/history?lot=\(urlSegment(status.lot))">History</a> \
            <a class="button" href="/booking?lot=\(urlSegment(status.lot))">Book a space here</a>\
            \(status.spaces.isEmpty || !atSite ? "" : " <a class=\"button\" href=\"/lots/\(urlSegment(status.lot))/layout\">Edit layout</a>")</div></div>
            <div class="lot-layout">
              <section class="card">
                \(dashboard.freshness(status, now: now))
                \(dashboard.image(status, link: "/lots/\(urlSegment(status.lot))"))
                \(dashboard.meter(status))
                \(dashboard.legend(status))
                <h3>Last 24 hours</h3>
                \(chart.svg(day, label: "Occupancy of \(status.lot) over the last 24 hours"))
                <p class="chart-note">\(h(chart.note(day, now: now)))</p>
              </section>
              <section class="card">
                <h2>Spaces</h2>
                \(spacesTable(status, now: now))
              </section>
            </div>
            """
    }

    private func spacesTable(_ status: LotStatus, now: Date) -> String {
        guard !status.spaces.isEmpty else {
            return "<p class=\"empty-state\">This lot has no space layout: only its vehicles are counted.</p>"
        }
        let rows: String = status.spaces.map { space -> String in row(space, lot: status.lot, now: now) }.joined()
        return """
            <table class="spaces"><thead><tr><th>Space</th><th>State</th><th>Confidence</th><th>Reservation</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    private func row(_ space: SpaceStatus, lot: String, now: Date) -> String {
        let flag = space.flag == nil ? "" : "<span class=\"flag\" title=\"A vehicle stands here while no booking covers now\">⚠ occupied without booking</span>"
        return """
            <tr class="\(space.flag == nil ? "" : "flagged")" data-space="\(h(space.id))">\
            <td class="space-id">\(h(space.id))</td>\
            <td><span class="pill \(h(space.state))">\(h(space.state))</span>\(space.reserved ? " <span class=\"pill reserved\">reserved</span>" : "")\(flag)</td>\
            <td>\(confidence(space.confidence))</td>\
            <td>\(reservation(space, lot: lot, now: now))</td></tr>
            """
    }

    private func confidence(_ value: Double?) -> String {
        guard let value else { return "<span class=\"muted\">—</span>" }
        let width = String(format: "%.1f", 60 * min(max(value, 0), 1))
        return "<span class=\"conf\"><svg viewBox=\"0 0 60 6\" aria-hidden=\"true\"><rect width=\"60\" height=\"6\" rx=\"3\" fill=\"#e2e8f0\"/>"
            + "<rect width=\"\(width)\" height=\"6\" rx=\"3\" fill=\"#64748b\"/></svg>\(percent(value))</span>"
    }

    private func reservation(_ space: SpaceStatus, lot: String, now: Date) -> String {
        if let booking = space.booking {
            return "For <b>\(h(booking.holder))</b> until \(h(time.short(booking.end, now: now)))"
        }
        if let next = space.nextBooking {
            return "<span class=\"muted\">Next: \(h(next.holder)) from \(h(time.short(next.start, now: now)))</span>"
        }
        return "<a href=\"/booking?lot=\(urlSegment(lot))&amp;space=\(urlSegment(space.id))\">Book</a>"
    }
}
