import Foundation
import Testing
@testable import ParkWatchAnalytics

/// Buckets and profiles in Europe/Rome across the 2024 DST changes
/// (31 March: 02:00 → 03:00 CEST; 27 October: 03:00 CEST → 02:00 CET).
@Suite struct CalendarTests {
    /// A camera photographing every 5 minutes whose count is the local clock hour, so every
    /// profile slot's average must equal its own hour.
    static func hourlyCounts(from: Date, to: Date) -> [OccupancyReading] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = Fixture.rome
        return stride(from: from.timeIntervalSinceReferenceDate, to: to.timeIntervalSinceReferenceDate, by: 300).map {
            let instant = Date(timeIntervalSinceReferenceDate: $0)
            return OccupancyReading(camera: "A", at: instant, occupied: Double(calendar.component(.hour, from: instant)), capacity: 30)
        }
    }

    static func romeWindow(_ from: String, _ to: String) -> AnalyticsWindow {
        AnalyticsWindow(from: Fixture.utc(from), to: Fixture.utc(to), timeZone: Fixture.rome)
    }

    @Test func dayBucketsAre23And25HoursOnDSTDays() {
        // Local 30 March 00:00 to 2 April 00:00 (CET before, CEST after).
        let spring = Self.romeWindow("2024-03-29T23:00:00Z", "2024-04-01T22:00:00Z")
        let springDays = OccupancyAnalytics.buckets(Self.hourlyCounts(from: spring.from, to: spring.to), window: spring, size: .day)
        #expect(springDays.map { $0.end.timeIntervalSince($0.start) / 3600 } == [24, 23, 24])
        #expect(springDays.map(\.start) == ["2024-03-29T23:00:00Z", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z"].map(Fixture.utc))
        #expect(springDays.allSatisfy { $0.summary.coverage == 1 && !$0.isPartial })

        let autumn = Self.romeWindow("2024-10-25T22:00:00Z", "2024-10-28T23:00:00Z")
        let autumnDays = OccupancyAnalytics.buckets(Self.hourlyCounts(from: autumn.from, to: autumn.to), window: autumn, size: .day)
        #expect(autumnDays.map { $0.summary.windowSeconds / 3600 } == [24, 25, 24])
    }

    @Test func hourBucketsRepeatTheFallBackHour() {
        let day = Self.romeWindow("2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z")
        let hours = OccupancyAnalytics.buckets(Self.hourlyCounts(from: day.from, to: day.to), window: day, size: .hour)
        #expect(hours.count == 25)
        // Local hours 0, 1, 2 (CEST), 2 (CET), 3 …: the count follows the local clock.
        #expect(hours.prefix(5).map { $0.summary.timeWeightedOccupied } == [0, 1, 2, 2, 3])
    }

    @Test func hourOfDayProfileUsesLocalHours() {
        let autumn = Self.romeWindow("2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z")
        let fallBack = OccupancyAnalytics.profile(Self.hourlyCounts(from: autumn.from, to: autumn.to), window: autumn, by: .hourOfDay)
        #expect(fallBack.map(\.slot) == Array(0..<24))
        #expect(fallBack[2].summary.windowSeconds == 7200)
        #expect(fallBack.allSatisfy { $0.summary.timeWeightedOccupied == Double($0.slot) })

        let spring = Self.romeWindow("2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z")
        let springForward = OccupancyAnalytics.profile(Self.hourlyCounts(from: spring.from, to: spring.to), window: spring, by: .hourOfDay)
        #expect(springForward[2].summary.windowSeconds == 0 && springForward[2].summary.timeWeightedOccupied == nil)
        #expect(springForward[3].summary.timeWeightedOccupied == 3)
    }

    @Test func weeksStartOnMondayAndTheDayOfWeekProfileIsISO() {
        // Wednesday 23 October to Wednesday 6 November 2024, local time.
        let window = Self.romeWindow("2024-10-22T22:00:00Z", "2024-11-05T23:00:00Z")
        let readings = Self.hourlyCounts(from: window.from, to: window.to)
        let weeks = OccupancyAnalytics.buckets(readings, window: window, size: .week)
        #expect(weeks.map(\.start) == ["2024-10-20T22:00:00Z", "2024-10-27T23:00:00Z", "2024-11-03T23:00:00Z"].map(Fixture.utc))
        #expect(weeks.map(\.isPartial) == [true, false, true])
        #expect(weeks[0].end.timeIntervalSince(weeks[0].start) == 169 * 3600)  // contains the 25-hour Sunday

        let days = OccupancyAnalytics.profile(readings, window: window, by: .dayOfWeek)
        #expect(days.map(\.slot) == Array(1...7))
        // Fourteen local days, two of each weekday; Sunday includes the 25-hour 27 October.
        #expect(days.map { $0.summary.windowSeconds / 3600 } == [48, 48, 48, 48, 48, 48, 49])
    }

    /// 168 slots, Monday 00:00 local first; each holds the local hour's count of its weekday.
    @Test func theHourOfWeekProfileIsTheWeekdayAndTheLocalHour() {
        let window = Self.romeWindow("2024-10-22T22:00:00Z", "2024-11-05T23:00:00Z")
        let week = OccupancyAnalytics.profile(Self.hourlyCounts(from: window.from, to: window.to), window: window, by: .hourOfWeek)
        #expect(week.map(\.slot) == Array(0..<168))
        #expect(week.allSatisfy { $0.summary.timeWeightedOccupied == Double($0.slot % 24) })
        // Two of each hour of the week, and Sunday 02:00–03:00 once more: 27 October repeats it.
        #expect(week[6 * 24 + 2].summary.windowSeconds == 3 * 3600 && week[2].summary.windowSeconds == 2 * 3600)
    }

    @Test func bucketsCombineIntoTheWholeWindow() {
        let window = Self.romeWindow("2024-10-25T09:30:00Z", "2024-10-28T17:10:00Z")
        let readings = Self.hourlyCounts(from: window.from.addingTimeInterval(-600), to: window.to)
            .filter { Int($0.at.timeIntervalSinceReferenceDate) % 3000 != 0 }  // a few missing photos
        let whole = OccupancyAnalytics.summary(readings, window: window)
        for size in BucketSize.allCases {
            let parts = OccupancyAnalytics.buckets(readings, window: window, size: size).map(\.summary)
            #expect(summariesMatch(OccupancyAnalytics.combine(parts), whole))
        }
        for kind in ProfileKind.allCases {
            let parts = OccupancyAnalytics.profile(readings, window: window, by: kind).map(\.summary)
            #expect(summariesMatch(OccupancyAnalytics.combine(parts), whole))
        }
    }
}
