import Foundation
import ParkWatchAnalytics

/// `/`: one card per lot with its newest overlay, free / total, the age of the last photo and
/// the last day as a chart. Its content is also what the page reloads every few seconds.
struct DashboardView: Sendable {
    let time: TimeText
    /// Whether this is a site's own app, with its cameras' pictures; the central app has none.
    var atSite = true

    func content(_ lots: [(status: LotStatus, day: [BucketSummary])], now: Date) -> String {
        let head = """
            <div class="page-head"><div><h1>Parking lots</h1><p>\(lots.count) lot\(lots.count == 1 ? "" : "s") · \
            \(lots.map(\.status.available).reduce(0, +)) spaces free now</p></div>\
            <a class="button" href="/booking">Book a space</a></div>
            """
        guard !lots.isEmpty else {
            return head + "<section class=\"card empty-state\">No lots yet: configure cameras, or drop photos into the inbox.</section>"
        }
        return head + "<div class=\"grid\">" + lots.map { lot -> String in card(lot.status, day: lot.day, now: now) }.joined() + "</div>"
    }

    func card(_ status: LotStatus, day: [BucketSummary], now: Date) -> String {
        let link = "/lots/\(urlSegment(status.lot))"
        let cameras = status.cameras.map(\.id).joined(separator: ", ")
        return """
            <article class="card lot-card" data-lot="\(h(status.lot))">
              <header class="card-head">
                <div><h2><a href="\(link)">\(h(status.lot))</a></h2><p>Camera\(status.cameras.count == 1 ? "" : "s") \(h(cameras))</p></div>
                \(figure(status))
              </header>
              \(freshness(status, now: now))
              \(streams(status, now: now))\(views(status))
              \(image(status, link: link))
              \(meter(status))
              \(legend(status))
              <h3>Last 24 hours</h3>
              \(ChartView(time: time).svg(day, label: "Occupancy of \(status.lot) over the last 24 hours"))
              <p class="chart-note">\(h(ChartView(time: time).note(day, now: now)))</p>
              <footer class="card-foot"><a href="\(link)">Spaces and reservations →</a>\
              <a href="/history?lot=\(urlSegment(status.lot))">History</a><a href="/booking?lot=\(urlSegment(status.lot))">Book a space</a></footer>
            </article>
            """
    }

    /// The spaces free now; a dash when nothing is known (no photo, or every space unknown).
    func figure(_ status: LotStatus) -> String {
        let known = status.total > status.unknown
        let number = known ? "\(status.available)" : "–"
        let tone = !known ? " unknown" : status.available == 0 ? " none" : ""
        return "<div class=\"figure\"><span class=\"big\(tone)\">\(number)</span><span class=\"of\">free of \(status.total)</span></div>"
    }

    /// Each streaming camera's connection: a warning for one that is offline.
    func streams(_ status: LotStatus, now: Date) -> String {
        status.cameras.compactMap { camera -> String? in
            guard let health = camera.health else { return nil }
            let frame = health.lastFrameAt.map { ", last frame \(time.relative($0, now: now))" } ?? ""
            guard health.state == "online" else {
                let since = health.offlineSince.map { " since \(time.short($0, now: now))" } ?? ""
                let reason = health.lastError.map { ": \($0)" } ?? ""
                return "<div class=\"stale stream-offline\" role=\"status\">⚠ Stream \(h(camera.id)) offline\(h(since))\(h(frame))\(h(reason))</div>"
            }
            return "<p class=\"freshness stream-online\"><span class=\"dot\"></span>Stream \(h(camera.id)) online\(h(frame))</p>"
        }.joined()
    }

    /// A warning for each camera whose view moved from its layout's reference (the spaces follow)
    /// or is lost (the spaces read unknown).
    func views(_ status: LotStatus) -> String {
        status.cameras.compactMap { camera -> String? in
            switch camera.view {
            case "moved":
                let shift = camera.viewShiftPx.map { " by \($0) px" } ?? ""
                return "<div class=\"stale camera-moved\" role=\"status\">⚠ Camera \(h(camera.id)) moved\(shift): its spaces follow the view</div>"
            case "lost":
                return "<div class=\"stale camera-lost\" role=\"status\">⚠ Camera \(h(camera.id)) does not show its lot: its spaces are unknown</div>"
            default:
                return nil
            }
        }.joined()
    }

    /// When the last photo was taken; a warning when that is too long ago to trust.
    func freshness(_ status: LotStatus, now: Date) -> String {
        guard let updated = status.updatedAt else {
            return "<div class=\"stale\" role=\"status\">⚠ No photo yet: the spaces are unknown.</div>"
        }
        let when = "\(time.short(updated, now: now)) (\(time.relative(updated, now: now)))"
        if status.stale {
            return "<div class=\"stale\" role=\"status\">⚠ Stale: last photo \(h(when)). The camera may be down.</div>"
        }
        return "<p class=\"freshness\"><span class=\"dot\"></span>Last photo \(h(when))</p>"
    }

    func image(_ status: LotStatus, link: String) -> String {
        guard let camera = status.cameras.first(where: { $0.image != nil }), let source = camera.image else {
            return "<div class=\"shot empty\">\(atSite ? "No photo yet" : "Photos stay at their sites")</div>"
        }
        return "<a class=\"shot\" href=\"\(link)\"><img src=\"\(h(source))\" alt=\"Latest overlay of \(h(status.lot)) (camera \(h(camera.id)))\"></a>"
    }

    /// One bar split into free, reserved, occupied and unknown spaces.
    func meter(_ status: LotStatus) -> String {
        guard status.total > 0 else { return "" }
        let reservedFree = status.spaces.filter { $0.reserved && $0.state == "free" }.count
        let segments: [(Int, String)] = [
            (status.free - reservedFree, "#16a34a"), (reservedFree, "#2563eb"), (status.occupied, "#dc2626"), (status.unknown, "#94a3b8"),
        ]
        var x = 0.0
        let rects = segments.filter { $0.0 > 0 }.map { count, colour -> String in
            let width = 100.0 * Double(count) / Double(status.total)
            defer { x += width }
            return "<rect x=\"\(String(format: "%.2f", x))\" y=\"0\" width=\"\(String(format: "%.2f", width))\" height=\"10\" fill=\"\(colour)\"/>"
        }
        return "<svg class=\"meter\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\(rects.joined())</svg>"
    }

    func legend(_ status: LotStatus) -> String {
        let items = [("free", status.available, "free"), ("reserved", status.reserved, "reserved"),
                     ("occupied", status.occupied, "occupied"), ("unknown", status.unknown, "unknown")]
        return "<ul class=\"legend\">" + items.map { item -> String in "<li><i class=\"sw \(item.2)\"></i><b>\(item.1)</b> \(item.0)</li>" }.joined() + "</ul>"
    }
}
