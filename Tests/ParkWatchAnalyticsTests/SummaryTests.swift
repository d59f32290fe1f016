import Foundation
import Testing
@testable import ParkWatchAnalytics

/// One camera, figures worked out by hand. Staleness cap 15 min, capacity 20 unless stated.
@Suite struct SummaryTests {
    // Holds: [0,5) 4 → 300 s; [5,20) 8 → 900 s (capped, next photo only at 40); [40,55) 2 → 900 s.
    let gappy = [Fixture.reading(0, 4), Fixture.reading(5, 8), Fixture.reading(40, 2)]

    @Test func gapLongerThanStalenessIsLeftOut() {
        let summary = OccupancyAnalytics.summary(gappy, window: Fixture.window(0, 60))
        #expect(summary.windowSeconds == 3600)
        #expect(summary.observedSeconds == 2100)
        #expect(isClose(summary.coverage, 2100.0 / 3600))
        #expect(isClose(summary.timeWeightedOccupied, 10_200.0 / 2100))  // (4·300 + 8·900 + 2·900) / 2100
        #expect(isClose(summary.occupancyRate, 10_200.0 / 2100 / 20))
        #expect(summary.sampleCount == 3)
        #expect(isClose(summary.sampleMeanOccupied, 14.0 / 3))
        #expect(summary.peak == OccupancyExtreme(rate: 0.4, occupied: 8, capacity: 20, at: Fixture.at(5)))
        #expect(summary.minimum == OccupancyExtreme(rate: 0.1, occupied: 2, capacity: 20, at: Fixture.at(40)))
        // Time at rate: 0.1 → 900 s, 0.2 → 300 s, 0.4 → 900 s; half of 2100 s is reached at 0.2.
        #expect(summary.p50 == 0.2)
        #expect(summary.p85 == 0.4)
        #expect(summary.hoursAboveThreshold == 0)
        #expect(summary.capacity == 20)
    }

    @Test func readingsOutOfOrderAreSortedAndTheLastDuplicateWins() {
        let shuffled = [
            Fixture.reading(40, 2), Fixture.reading(5, 99), Fixture.reading(0, 4), Fixture.reading(5, 8),
        ]
        let window = Fixture.window(0, 60)
        #expect(OccupancyAnalytics.summary(shuffled, window: window) == OccupancyAnalytics.summary(gappy, window: window))
    }

    @Test func singleReadingHoldsForTheStalenessCap() {
        let summary = OccupancyAnalytics.summary([Fixture.reading(0, 10)], window: Fixture.window(0, 60))
        #expect(summary.observedSeconds == 900)
        #expect(summary.coverage == 0.25)
        #expect(summary.timeWeightedOccupied == 10)
        #expect(summary.occupancyRate == 0.5)
        #expect(summary.sampleMeanOccupied == 10)
        #expect(summary.peak?.at == Fixture.at(0))
        #expect(summary.p50 == 0.5 && summary.p85 == 0.5)
    }

    @Test func windowWithoutDataHasZeroCoverageAndNoFigures() {
        let afterTheWindow = [Fixture.reading(70, 5)]
        for readings in [[], afterTheWindow] {
            let summary = OccupancyAnalytics.summary(readings, window: Fixture.window(0, 60))
            #expect(summary.windowSeconds == 3600)
            #expect(summary.coverage == 0 && summary.observedSeconds == 0 && summary.sampleCount == 0)
            #expect(summary.timeWeightedOccupied == nil && summary.occupancyRate == nil)
            #expect(summary.sampleMeanOccupied == nil && summary.peak == nil && summary.minimum == nil)
            #expect(summary.p50 == nil && summary.p85 == nil && summary.hoursAboveThreshold == nil)
            #expect(summary.capacity == nil && summary.timeAtRate.isEmpty)
        }
    }

    @Test func readingBeforeTheWindowHoldsIntoItUpToTheCap() {
        // Taken 10 min before the window: holds to minute 5, so 300 s inside; not a sample of the window.
        let summary = OccupancyAnalytics.summary([Fixture.reading(-10, 6)], window: Fixture.window(0, 60))
        #expect(summary.observedSeconds == 300)
        #expect(summary.timeWeightedOccupied == 6)
        #expect(summary.sampleCount == 0 && summary.sampleMeanOccupied == nil)
        #expect(summary.peak?.at == Fixture.at(0))

        let expired = OccupancyAnalytics.summary([Fixture.reading(-20, 6)], window: Fixture.window(0, 60))
        #expect(expired.coverage == 0 && expired.timeWeightedOccupied == nil)
    }

    @Test func hoursAboveThresholdCountsRatesAtOrAboveIt() {
        // 17/20 is exactly the 0.85 threshold and counts; 10/20 does not; 19/20 does.
        let readings = [Fixture.reading(0, 17), Fixture.reading(10, 10), Fixture.reading(20, 19)]
        let summary = OccupancyAnalytics.summary(readings, window: Fixture.window(0, 30))
        #expect(isClose(summary.hoursAboveThreshold, 1200.0 / 3600))
        #expect(summary.peak?.occupied == 19 && summary.minimum?.occupied == 10)
    }

    @Test func invalidReadingObservesNothingButEndsThePreviousHold() {
        let readings = [Fixture.reading(0, 4), Fixture.reading(5, 3, capacity: 0)]
        let summary = OccupancyAnalytics.summary(readings, window: Fixture.window(0, 60))
        #expect(summary.observedSeconds == 300)
        #expect(summary.sampleCount == 1)
    }

    @Test func combiningTheHalvesGivesTheWhole() {
        let whole = OccupancyAnalytics.summary(gappy, window: Fixture.window(0, 60))
        let halves = [Fixture.window(0, 12), Fixture.window(12, 60)].map { OccupancyAnalytics.summary(gappy, window: $0) }
        #expect(summariesMatch(OccupancyAnalytics.combine(halves), whole))
    }

    @Test func missingFiguresAreEncodedAsNull() throws {
        let summary = OccupancyAnalytics.summary([], window: Fixture.window(0, 60))
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        for key in ["timeWeightedOccupied", "occupancyRate", "peak", "p50", "p85", "hoursAboveThreshold"] {
            #expect(json.contains("\"\(key)\":null"))
        }
        #expect(try JSONDecoder().decode(OccupancySummary.self, from: Data(json.utf8)) == summary)
    }
}
