import Foundation
import ParkWatchAnalytics

/// The last day's occupancy as an SVG bar chart, drawn on the server: one bar per hour (height
/// = share of spaces occupied, colour by how full), a faint full-height bar for hours with no
/// photos, gridlines at 0/50/100 % and an hour label every six hours.
struct ChartView: Sendable {
    let time: TimeText

    private let width = 480.0, height = 150.0
    private let left = 36.0, right = 8.0, top = 10.0, bottom = 24.0

    func svg(_ buckets: [BucketSummary], label: String) -> String {
        guard let first = buckets.first?.start, let last = buckets.last?.end, last > first else { return "" }
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let x = { (date: Date) in left + plotWidth * date.timeIntervalSince(first) / last.timeIntervalSince(first) }
        var parts = [gridlines(plotWidth: plotWidth, plotHeight: plotHeight)]
        for bucket in buckets {
            let x0 = x(bucket.start) + 1, x1 = x(bucket.end) - 1
            parts.append(bar(bucket, x: x0, width: max(x1 - x0, 1), plotHeight: plotHeight))
            if time.clock(bucket.start).hasSuffix(":00"), hourOf(bucket.start) % 6 == 0 {
                parts.append(text(time.clock(bucket.start), x: x0, y: height - 6, anchor: "start"))
            }
        }
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(h(label))">\
            \(parts.joined())</svg>
            """
    }

    /// "24 h: 54 % occupied on average, peak 92 % at 08:10, photos covered 83 % of the time."
    func note(_ buckets: [BucketSummary], now: Date) -> String {
        let whole = OccupancyAnalytics.combine(buckets.map(\.summary))
        guard let rate = whole.occupancyRate else { return "No photos in the last 24 hours." }
        var text = "Last 24 h: \(percent(rate)) occupied on average"
        if let peak = whole.peak { text += ", peak \(percent(peak.rate)) at \(time.short(peak.at, now: now))" }
        return text + "; photos covered \(percent(whole.coverage)) of the time."
    }

    private func gridlines(plotWidth: Double, plotHeight: Double) -> String {
        [0.0, 0.5, 1.0].map { level -> String in
            let y = top + plotHeight * (1 - level)
            return "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#e2e8f0\" stroke-width=\"1\"/>"
                + text("\(Int(level * 100)) %", x: left - 6, y: y + 4, anchor: "end")
        }.joined()
    }

    private func bar(_ bucket: BucketSummary, x: Double, width: Double, plotHeight: Double) -> String {
        let span = "\(time.clock(bucket.start))–\(time.clock(bucket.end))"
        guard let rate = bucket.summary.occupancyRate else {
            return "<rect x=\"\(f(x))\" y=\"\(f(top))\" width=\"\(f(width))\" height=\"\(f(plotHeight))\" fill=\"#f1f5f9\"><title>\(span): no photos</title></rect>"
        }
        let barHeight = max(plotHeight * min(rate, 1), 1.5)
        return "<rect x=\"\(f(x))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(width))\" height=\"\(f(barHeight))\" rx=\"2\" fill=\"\(colour(rate))\">"
            + "<title>\(span): \(percent(rate)) occupied</title></rect>"
    }

    private func colour(_ rate: Double) -> String {
        rate >= 0.85 ? "#dc2626" : rate >= 0.6 ? "#f59e0b" : "#16a34a"
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"10\" fill=\"#64748b\" text-anchor=\"\(anchor)\">\(h(content))</text>"
    }

    private func hourOf(_ date: Date) -> Int {
        Int(time.clock(date).prefix(2)) ?? 0
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// `54 %`, with a no-break space so the sign never wraps away from its number.
func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))\u{00A0}%" }
