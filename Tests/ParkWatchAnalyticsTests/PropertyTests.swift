import Foundation
import PropertyBased
import Testing
@testable import ParkWatchAnalytics

/// Random readings: (minute, occupied) pairs for a 20-space camera over minutes 0…240, in any order
/// and with repeated minutes. Windows are drawn inside that span.
@Suite struct PropertyTests {
    static let readingPairs = zip(Gen.int(in: 0...240), Gen.int(in: 0...20)).array(of: 0...40)
    static let minute = Gen.int(in: 0...240)
    static let staleMinutes = Gen.int(in: 1...40)

    static func readings(_ pairs: [(Int, Int)], camera: String = "A", capacity: Int = 20) -> [OccupancyReading] {
        pairs.map { Fixture.reading(Double($0.0), Double($0.1), capacity: capacity, camera: camera) }
    }

    /// A window between two drawn minutes, whichever comes first.
    static func window(_ first: Int, _ second: Int, stale: Int) -> AnalyticsWindow {
        Fixture.window(Double(min(first, second)), Double(max(first, second)), staleMinutes: Double(stale))
    }

    @Test func averagesLieBetweenMinimumAndPeakAndCoverageIsAFraction() async {
        await propertyCheck(input: Self.readingPairs, Self.minute, Self.minute, Self.staleMinutes) { pairs, from, to, stale in
            let summary = OccupancyAnalytics.summary(Self.readings(pairs), window: Self.window(from, to, stale: stale))
            #expect(summary.coverage >= 0 && summary.coverage <= 1)
            guard let rate = summary.occupancyRate, let peak = summary.peak, let low = summary.minimum,
                let average = summary.timeWeightedOccupied, let p50 = summary.p50, let p85 = summary.p85
            else {
                #expect(summary.observedSeconds == 0)
                return
            }
            #expect(low.rate <= rate + 1e-12 && rate <= peak.rate + 1e-12)
            #expect(low.occupied <= average + 1e-9 && average <= peak.occupied + 1e-9)
            #expect(low.rate <= p50 && p50 <= p85 && p85 <= peak.rate)
            #expect(summary.hoursAboveThreshold! * 3600 <= summary.observedSeconds + 1e-6)
        }
    }

    @Test func splittingAWindowAndCombiningTheHalvesGivesTheWhole() async {
        await propertyCheck(input: Self.readingPairs, Self.minute, Self.minute, Gen.int(in: 0...100), Self.staleMinutes) {
            pairs, from, to, splitPercent, stale in
            let whole = Self.window(from, to, stale: stale)
            let cut = whole.from.addingTimeInterval(whole.to.timeIntervalSince(whole.from) * Double(splitPercent) / 100)
            let readings = Self.readings(pairs)
            let halves = [whole.with(from: whole.from, to: cut), whole.with(from: cut, to: whole.to)]
                .map { OccupancyAnalytics.summary(readings, window: $0) }
            #expect(summariesMatch(OccupancyAnalytics.combine(halves), OccupancyAnalytics.summary(readings, window: whole)))
        }
    }

    @Test func splittingALotWindowAndCombiningTheHalvesGivesTheWhole() async {
        await propertyCheck(input: Self.readingPairs, Self.readingPairs, Self.minute, Self.minute, Self.minute) {
            first, second, from, to, cutMinute in
            let lot = ["A": Self.readings(first, camera: "A"), "B": Self.readings(second, camera: "B", capacity: 12)]
            let whole = Self.window(from, to, stale: 20)
            let cut = min(max(Fixture.at(Double(cutMinute)), whole.from), whole.to)
            let halves = [whole.with(from: whole.from, to: cut), whole.with(from: cut, to: whole.to)]
                .map { OccupancyAnalytics.lotSummary(lot, window: $0) }
            #expect(summariesMatch(OccupancyAnalytics.combine(halves), OccupancyAnalytics.lotSummary(lot, window: whole)))
        }
    }

    static let changeTriples = zip(Gen.int(in: -30...240), Gen.int(in: 0...2), Gen.int(in: 0...3)).array(of: 0...60)

    @Test func spaceUtilisationIsAFractionAndSessionsAreConsistent() async {
        await propertyCheck(input: Self.changeTriples, Self.readingPairs, Self.minute, Self.minute) { triples, photos, from, to in
            let states: [SpaceObservation] = [.free, .occupied, .unknown]
            let changes = triples.map { Fixture.change(Double($0.0), states[$0.1], space: "S\($0.2)") }
            let window = Self.window(from, to, stale: 15)
            let cameraReadings = ["A": Self.readings(photos)]
            for space in OccupancyAnalytics.spaces(changes, cameraReadings: cameraReadings, window: window) {
                #expect(space.observedSeconds <= window.to.timeIntervalSince(window.from) + 1e-6)
                #expect(space.utilisation.map { $0 >= 0 && $0 <= 1 } ?? (space.observedSeconds == 0))
                #expect(space.arrivals >= space.completeSessions)
                #expect((space.meanDwellSeconds ?? 0) >= 0 && (space.meanDwellSeconds == nil) == (space.completeSessions == 0))
            }
            for space in OccupancyAnalytics.sessions(changes, cameraReadings: cameraReadings, window: window) {
                let occupied = space.sessions.reduce(0) { $0 + $1.dwellSeconds }
                #expect(isClose(occupied, space.occupiedSeconds, tolerance: 1e-9))
                #expect(zip(space.sessions, space.sessions.dropFirst()).allSatisfy { $0.end < $1.start })
            }
        }
    }
}
