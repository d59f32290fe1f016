import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// `/history` and `/api/history`, in process, over the fixture's day of readings of lot north.
@Suite struct HistoryTests {
    @Test func thePageDrawsTheRateTheWeekAndTheFigures() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let page = try await client.send("/history?lot=north&range=7d", .get)
            #expect(page.status == .ok)
            let html = page.text
            // Seven days of hours, one of them observed: one unbroken run of about 24 points,
            // the six unobserved days a gap.
            let lines = html.components(separatedBy: "class=\"rate-line\" points=\"").dropFirst()
            #expect(lines.count == 1)
            let points = lines.first?.prefix { $0 != "\"" }.split(separator: " ").count ?? 0
            #expect((23...25).contains(points), "\(points) points")
            #expect(html.components(separatedBy: "class=\"heat\"").count - 1 == 168)
            #expect(html.contains("<dt>Average occupancy</dt>") && html.contains("<dt>Coverage</dt>"))
            #expect(html.contains("No layout with a stored photo"))
            #expect(html.contains("href=\"/api/history?lot=north&amp;range=7d&amp;format=csv\""))
            // The dashboard's default: the first lot, the last 7 days.
            let plain = try await client.send("/history", .get)
            #expect(plain.status == .ok && plain.text.contains("data-scope=\"annex\""))
        }
    }

    /// The download is the report the CLI prints for the same window, through the same code.
    @Test func theDownloadIsTheCommandLinesReport() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        let from = WebFixture.now - 30 * 86_400
        let scope = try await ReportScope.lot("north", cameras: [("cam1", nil)], store: fixture.store)
        let window = AnalyticsWindow(from: from, to: WebFixture.now, timeZone: fixture.settings.timeZone)
        let expected = try await OccupancyReport.build(
            .init(window: window, bucket: .hour, profile: .hourOfWeek, spaces: true), scope: scope, store: fixture.store)
        try await fixture.app().test(.router) { client in
            let csv = try await client.send("/api/history?lot=north&range=30d&format=csv", .get)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"parkwatch-north-2026-04-01.csv\"")
            #expect(csv.text == ReportText.csv(expected) + "\n")
            let json = try await client.send("/api/history?lot=north&range=30d", .get)
            #expect(json.text == (try ReportText.json(expected)))
            #expect((json.object["profile"] as? [Any])?.count == 168)
        }
    }

    @Test func aBadRequestIsNamed() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            for (query, message) in [
                ("lot=north&range=fortnight", "range must be one of today, 7d, 30d, custom"),
                ("lot=north&range=custom&from=2026-04-01", "'to' must be a date such as 2026-05-01 (range=custom needs from and to)"),
                ("lot=north&range=custom&from=2026-04-10&to=2026-04-01", "'to' must not be before 'from'"),
                ("lot=north&range=custom&from=2025-01-01&to=2026-04-01", "a custom window is at most 366 days"),
                ("lot=north&camera=cam1", "give lot or camera, not both"),
                ("range=7d", "give lot or camera"),
                ("lot=north&format=xml", "format must be json or csv"),
            ] {
                let response = try await client.send("/api/history?\(query)", .get)
                #expect(response.status == .badRequest && response.object["error"] as? String == message, "\(query): \(response.text)")
            }
            #expect(try await client.send("/api/history?lot=south", .get).status == .notFound)
            let page = try await client.send("/history?camera=cam9", .get)
            #expect(page.status == .notFound && page.text.contains("No camera &#39;cam9&#39;"))
        }
    }

    @Test func aCustomWindowIsWholeLocalDaysAndACameraIsItsOwnScope() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let json = try await client.send("/api/history?camera=cam1&range=custom&from=2026-04-30&to=2026-05-01", .get).object
            #expect(json["kind"] as? String == "camera" && json["scope"] as? String == "cam1")
            #expect(json["from"] as? String == "2026-04-30T00:00:00Z" && json["to"] as? String == "2026-05-02T00:00:00Z")
            #expect(((json["summary"] as? [String: Any])?["coverage"] as? Double ?? 0) > 0.4)
        }
    }
}
