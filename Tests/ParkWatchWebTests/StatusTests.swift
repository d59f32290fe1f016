import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchTestSupport
import Testing

/// Dashboard, lot pages and the read-only lot API, in process.
@Suite struct StatusTests {
    @Test func lotStatusFollowsTheContract() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let response = try await client.send("/api/lots/north/status", .get)
            #expect(response.status == .ok)
            let status = response.object
            #expect(status["lot"] as? String == "north")
            #expect(status["updated_at"] as? String == "2026-05-01T09:58:00Z")
            #expect(status["total"] as? Int == 4 && status["occupied"] as? Int == 1)
            #expect(status["free"] as? Int == 2 && status["unknown"] as? Int == 1)
            #expect(status["free_spaces"] as? [String] == ["A2", "A3"])
            #expect(status["stale"] as? Bool == false)
            let spaces = try #require(status["spaces"] as? [[String: Any]])
            #expect(spaces.map { $0["id"] as? String } == ["A1", "A2", "A3", "A4"])
            #expect(spaces.map { $0["state"] as? String } == ["occupied", "free", "free", "unknown"])
            #expect(spaces.allSatisfy { $0["reserved"] as? Bool == false && $0["confidence"] as? Double == 0.93 })
        }
    }

    @Test func lotsListAndTheSeedRouteGiveFreeSpaces() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let lots = try await client.send("/api/lots", .get).array.compactMap { $0 as? [String: Any] }
            #expect(lots.map { $0["id"] as? String } == ["annex", "north"])
            let annex = try #require(lots.first)
            #expect(annex["total"] as? Int == 10 && annex["unknown"] as? Int == 10 && annex["stale"] as? Bool == true)
            let free = try await client.send("/parking_status", .get)
            #expect(free.status == .ok && free.array as? [String] == ["A2", "A3"])
        }
    }

    @Test func aLotWithoutRecentPhotosIsStale() async throws {
        var fixture = try WebFixture()
        try await fixture.seedReadings()
        fixture.settings.staleAfter = 60
        try await fixture.app().test(.router) { client in
            #expect(try await client.send("/api/lots/north/status", .get).object["stale"] as? Bool == true)
            let page = try await client.send("/", .get).text
            #expect(page.contains("Stale: last photo 09:58 (2 min ago)"))
        }
    }

    @Test func dashboardShowsEachLotWithItsChartAndRefreshesItself() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let response = try await client.send("/", .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let page = response.text
            #expect(page.contains("data-live=\"/?fragment=1\""))
            #expect(!page.contains("GRDB"), "every piece of HTML is a String, not a SQL literal")
            #expect(page.contains("<script src=\"/assets/app.js\" defer>"))
            #expect(!page.contains("http://") && !page.contains("https://"), "no external resource")
            #expect(page.contains("data-lot=\"north\"") && page.contains("data-lot=\"annex\""))
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("Last photo 09:58 (2 min ago)"))
            #expect(page.contains("No photo yet"))
            let fragment = try await client.send("/?fragment=1", .get).text
            #expect(fragment.hasPrefix("<div class=\"page-head\">") && !fragment.contains("<html"))
            let script = try await client.send("/assets/app.js", .get)
            #expect(script.status == .ok && script.text.contains("setInterval(refresh"))
        }
    }

    @Test func lotPageListsSpacesWithStateConfidenceAndReservations() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            #expect(try await client.book("A2", from: -10, to: 60).status == .created)
            let page = try await client.send("/lots/north", .get).text
            #expect(page.contains("data-space=\"A1\"") && page.contains("<span class=\"pill occupied\">occupied</span>"))
            #expect(page.contains("93\u{00A0}%"))
            #expect(page.contains("For <b>Ada</b> until 11:00"))
        }
    }

    @Test func unknownThingsAre404InTheirOwnLanguage() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let api = try await client.send("/api/lots/nowhere/status", .get)
            #expect(api.status == .notFound && api.object["error"] as? String == "no lot 'nowhere'")
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            let page = try await client.send("/lots/nowhere", .get)
            #expect(page.status == .notFound && page.text.contains("No lot &#39;nowhere&#39;."))
            let route = try await client.send("/api/nothing-here", .get)
            #expect(route.status == .notFound && route.object["error"] != nil)
            #expect(try await client.send("/images/999", .get).status == .notFound)
        }
    }

    @Test func occupancyUsesTheAnalyticsPerBucket() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let report = try await client.send("/api/lots/north/occupancy?from=2026-05-01T00:00Z&to=2026-05-01T10:00Z&bucket=hour", .get)
            #expect(report.status == .ok)
            let body = report.object
            #expect(body["scope"] as? String == "north" && body["cameras"] as? [String] == ["cam1"])
            #expect(body["photos"] as? Int == 60)
            let buckets = try #require(body["buckets"] as? [[String: Any]])
            #expect(buckets.count == 10)
            let summary = try #require(body["summary"] as? [String: Any])
            #expect(summary["capacity"] as? Int == 4)
            #expect((summary["coverage"] as? Double ?? 0) > 0.9)
            let bad = try await client.send("/api/lots/north/occupancy?from=2026-05-02&to=2026-05-01", .get)
            #expect(bad.status == .badRequest && bad.object["error"] != nil)
            #expect(try await client.send("/api/lots/north/occupancy?bucket=minute", .get).status == .badRequest)
            #expect(try await client.send("/api/lots/nowhere/occupancy", .get).status == .notFound)
        }
    }
}
