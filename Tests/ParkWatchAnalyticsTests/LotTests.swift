import Foundation
import Testing
@testable import ParkWatchAnalytics

/// Several cameras of one lot: counts add up while every camera is observed.
@Suite struct LotTests {
    // A (10 spaces): 5 from minute 0, 7 from minute 10 (held to 25). B (20 spaces): 10 from minute 5 (held to 20).
    // Both observed only over [5, 20): 15/30 for 300 s, then 17/30 for 600 s.
    let cameras = [
        "A": [Fixture.reading(0, 5, capacity: 10, camera: "A"), Fixture.reading(10, 7, capacity: 10, camera: "A")],
        "B": [Fixture.reading(5, 10, capacity: 20, camera: "B")],
    ]

    @Test func lotIsObservedOnlyWhileEveryCameraIs() {
        let lot = OccupancyAnalytics.lotSummary(cameras, window: Fixture.window(0, 30))
        let averageOccupied: Double = (15 * 300 + 17 * 600) / 900
        #expect(lot.observedSeconds == 900)
        #expect(lot.coverage == 0.5)
        #expect(isClose(lot.timeWeightedOccupied, averageOccupied))
        #expect(lot.timeWeightedCapacity == 30)
        #expect(isClose(lot.occupancyRate, averageOccupied / 30))
        #expect(lot.capacity == 30)
        #expect(lot.peak == OccupancyExtreme(rate: 17.0 / 30, occupied: 17, capacity: 30, at: Fixture.at(10)))
        #expect(lot.minimum == OccupancyExtreme(rate: 0.5, occupied: 15, capacity: 30, at: Fixture.at(5)))
    }

    @Test func lotSamplesAreTakenWhenACameraReportsAndAllAreObserved() {
        // Minute 0: only A is observed, no lot sample. Minute 5: 5 + 10. Minute 10: 7 + 10.
        let lot = OccupancyAnalytics.lotSummary(cameras, window: Fixture.window(0, 30))
        #expect(lot.sampleCount == 2)
        #expect(lot.sampleMeanOccupied == 16)
        let meanRate: Double = (15.0 / 30 + 17.0 / 30) / 2
        #expect(isClose(lot.sampleMeanRate, meanRate))
    }

    @Test func cameraWithoutReadingsLeavesTheLotUnobserved() {
        var withSilentCamera = cameras
        withSilentCamera["C"] = []
        let lot = OccupancyAnalytics.lotSummary(withSilentCamera, window: Fixture.window(0, 30))
        #expect(lot.coverage == 0 && lot.occupancyRate == nil)
    }

    @Test func mixedReadingsAreGroupedByCamera() {
        let mixed = (cameras["B"]! + cameras["A"]!)
        let window = Fixture.window(0, 30)
        #expect(OccupancyAnalytics.summary(mixed, window: window) == OccupancyAnalytics.lotSummary(cameras, window: window))
    }

    @Test func singleCameraLotEqualsItsSummary() {
        let window = Fixture.window(0, 30)
        let readings = cameras["A"]!
        #expect(OccupancyAnalytics.lotSummary(["A": readings], window: window) == OccupancyAnalytics.summary(readings, window: window))
    }
}
