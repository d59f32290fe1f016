import Foundation
import ParkWatchAnalytics

/// The history page's pictures, drawn on the server as SVG: nothing is fetched from elsewhere.
struct HistoryCharts: Sendable {
    let time: TimeText

    /// The occupancy rate per bucket as a line; a bucket with no photos breaks the line, so
    /// unobserved time shows as a gap rather than as a guess.
    func rateOverTime(_ buckets: [BucketSummary], from: Date, to: Date) -> String {
        let (width, height, left, top, bottom) = (720.0, 200.0, 40.0, 10.0, 24.0)
        let plotWidth = width - left - 10, plotHeight = height - top - bottom
        let span = max(to.timeIntervalSince(from), 1)
        let x = { (date: Date) in left + plotWidth * date.timeIntervalSince(from) / span }
        let y = { (rate: Double) in top + plotHeight * (1 - min(max(rate, 0), 1)) }
        var runs: [[String]] = [[]]
        for bucket in buckets {
            guard let rate = bucket.summary.occupancyRate else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            // The middle of the bucket's part inside the window: the last bucket may end after `to`.
            let middle = bucket.start + min(bucket.end, to).timeIntervalSince(bucket.start) / 2
            runs[runs.count - 1].append("\(f(x(middle))),\(f(y(rate)))")
        }
        let lines = runs.filter { !$0.isEmpty }.map { points in
            points.count == 1
                ? "<circle cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\" r=\"2\" fill=\"#2563eb\"/>"
                : "<polyline class=\"rate-line\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\"/>"
        }
        let grid = [0.0, 0.5, 1.0].map { level in
            "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(level)))\" y2=\"\(f(y(level)))\" stroke=\"#e2e8f0\"/>"
                + label("\(Int(level * 100)) %", x: left - 6, y: y(level) + 4, anchor: "end")
        }
        let ends = label(time.dayAndTime(from), x: left, y: height - 6, anchor: "start")
            + label(time.dayAndTime(to), x: left + plotWidth, y: height - 6, anchor: "end")
        let observed = buckets.contains { $0.summary.occupancyRate != nil }
        return """
            <svg class="chart history-rate" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="Occupancy rate over time">\
            \(grid.joined())\(lines.joined())\(ends)\(observed ? "" : label("No photos in this window", x: width / 2, y: height / 2, anchor: "middle"))</svg>
            """
    }

    /// Hour of day across, weekday down; each cell's colour is that hour's occupancy rate over the
    /// window, grey where no photo covered it.
    func weekHeatMap(_ profile: [ProfileEntry]) -> String {
        let rates = Dictionary(profile.filter { $0.kind == .hourOfWeek }.map { ($0.slot, $0.summary.occupancyRate) }, uniquingKeysWith: { $1 })
        let (cell, left, top) = (24.0, 40.0, 16.0)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var parts: [String] = []
        for (day, name) in days.enumerated() {
            parts.append(label(name, x: left - 6, y: top + cell * Double(day) + 16, anchor: "end"))
            for hour in 0..<24 {
                let rate = rates[day * 24 + hour] ?? nil
                let tip = "\(name) \(hour):00–\(hour + 1):00: \(rate.map(percent) ?? "no photos")"
                parts.append("<rect class=\"heat\" x=\"\(f(left + cell * Double(hour)))\" y=\"\(f(top + cell * Double(day)))\" width=\"\(f(cell - 2))\" "
                    + "height=\"\(f(cell - 2))\" rx=\"3\" fill=\"\(rate.map(Self.colour) ?? "#f1f5f9")\"><title>\(h(tip))</title></rect>")
            }
        }
        for hour in stride(from: 0, to: 24, by: 3) {
            parts.append(label("\(hour)h", x: left + cell * Double(hour), y: 10, anchor: "start"))
        }
        let width = left + cell * 24, height = top + cell * 7
        return "<svg class=\"chart history-week\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Occupancy by hour and weekday\">"
            + parts.joined() + "</svg>" + legend()
    }

    func spaceMap(_ map: SpaceMap) -> String {
        let polygons = map.spaces.map { space -> String in
            let rate = map.utilisation[space.id] ?? nil
            let points = space.polygon.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
            let tip = "space \(space.id): \(rate.map { "occupied \(percent($0)) of the observed time" } ?? "not observed")"
            return "<polygon class=\"space-use\" data-space=\"\(h(space.id))\" points=\"\(points)\" fill=\"\(rate.map(Self.colour) ?? "#94a3b8")\" "
                + "fill-opacity=\"0.6\" stroke=\"#0f172a\" stroke-width=\"1.5\"><title>\(h(tip))</title></polygon>"
        }
        return """
            <figure class="space-map"><svg viewBox="0 0 \(map.width) \(map.height)" role="img" aria-label="Utilisation of the spaces of camera \(h(map.camera))">\
            <image href="/images/\(map.photoID)?original=1" x="0" y="0" width="\(map.width)" height="\(map.height)"/>\(polygons.joined())</svg>\
            <figcaption>Camera \(h(map.camera)): each space coloured by the share of its observed time it was occupied.</figcaption></figure>
            """
    }

    /// Drawn, not styled: the pages' content security policy allows no inline style.
    private func legend() -> String {
        let steps = [0.0, 0.25, 0.5, 0.75, 1.0].map { (Self.colour($0), percent($0)) } + [("#f1f5f9", "no photos")]
        let items = steps.enumerated().map { index, step in
            let x = Double(index) * 70
            return "<rect x=\"\(f(x))\" y=\"2\" width=\"12\" height=\"12\" rx=\"3\" fill=\"\(step.0)\"/>"
                + label(step.1, x: x + 17, y: 12, anchor: "start")
        }
        return "<svg class=\"heat-legend\" viewBox=\"0 0 430 16\" role=\"img\" aria-label=\"Colour scale\">" + items.joined() + "</svg>"
    }

    /// Green (empty) through amber to red (full).
    static func colour(_ rate: Double) -> String {
        let r = min(max(rate, 0), 1)
        let (from, middle, to) = ((22.0, 163.0, 74.0), (245.0, 158.0, 11.0), (220.0, 38.0, 38.0))
        let (a, b, t) = r < 0.5 ? (from, middle, r * 2) : (middle, to, (r - 0.5) * 2)
        let mix = { (x: Double, y: Double) in Int((x + (y - x) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    private func label(_ content: String, x: Double, y: Double, anchor: String) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"10\" fill=\"#64748b\" text-anchor=\"\(anchor)\">\(h(content))</text>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
