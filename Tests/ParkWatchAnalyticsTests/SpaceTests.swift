import Foundation
import Testing
@testable import ParkWatchAnalytics

/// Per-space sessions over a 2-hour window; camera A photographs every 5 minutes (staleness 15 min).
@Suite struct SpaceTests {
    let window = Fixture.window(0, 120)
    let photos = ["A": Fixture.photos(from: 0, to: 120)]

    func space(_ name: String, _ changes: [SpaceStateChange], photos: [String: [OccupancyReading]]? = nil) -> SpaceUtilisation? {
        OccupancyAnalytics.spaces(changes, cameraReadings: photos ?? self.photos, window: window).first { $0.space == name }
    }

    @Test func completeSessionsGiveDwellAndTurnover() throws {
        let changes = [(-30, SpaceObservation.free), (10, .occupied), (40, .free), (60, .occupied), (100, .free)]
            .map { Fixture.change($0.0, $0.1, space: "S1") }
        let figures = try #require(space("S1", changes))
        #expect(figures.observedSeconds == 7200 && figures.occupiedSeconds == 4200)
        #expect(isClose(figures.utilisation, 70.0 / 120))
        #expect(figures.completeSessions == 2 && figures.cutSessions == 0 && figures.arrivals == 2)
        #expect(isClose(figures.turnoverPerDay, 24))  // 2 arrivals in 1/12 of a day
        #expect(figures.meanDwellSeconds == 2100 && figures.medianDwellSeconds == 2100)
    }

    @Test func sessionsCutByTheWindowAreMarkedNotMeasured() throws {
        let changes = [(-10, SpaceObservation.occupied), (30, .free), (90, .occupied)]
            .map { Fixture.change($0.0, $0.1, space: "S2") }
        let figures = try #require(space("S2", changes))
        #expect(figures.completeSessions == 0 && figures.cutSessions == 2 && figures.cutByWindowEdge == 2)
        #expect(figures.arrivals == 1)  // the stay from minute 90 was seen arriving
        #expect(figures.meanDwellSeconds == nil && figures.medianDwellSeconds == nil)
        let sessions = OccupancyAnalytics.sessions(changes, cameraReadings: photos, window: window)[0].sessions
        #expect(sessions.map(\.startCut) == [.windowEdge, nil])
        #expect(sessions.map(\.endCut) == [nil, .windowEdge])
    }

    @Test func unknownStateIsUnobservedAndCutsSessions() throws {
        let changes = [(0, SpaceObservation.free), (20, .occupied), (50, .unknown), (70, .occupied), (80, .free)]
            .map { Fixture.change($0.0, $0.1, space: "S3") }
        let figures = try #require(space("S3", changes))
        #expect(figures.observedSeconds == 100 * 60 && figures.occupiedSeconds == 40 * 60)
        #expect(isClose(figures.utilisation, 0.4))
        #expect(figures.cutSessions == 2 && figures.cutByUnobserved == 2 && figures.completeSessions == 0)
    }

    @Test func cameraGapCutsASessionInTwo() throws {
        // Photos up to minute 30 (held to 45), then again from 75: observed [0,45) and [75,120).
        let gappy = ["A": Fixture.photos(from: 0, to: 35) + Fixture.photos(from: 75, to: 120)]
        let changes = [(0, SpaceObservation.free), (20, .occupied), (100, .free)].map { Fixture.change($0.0, $0.1, space: "S4") }
        let sessions = OccupancyAnalytics.sessions(changes, cameraReadings: gappy, window: window)[0].sessions
        #expect(sessions == [
            ParkingSession(start: Fixture.at(20), end: Fixture.at(45), startCut: nil, endCut: .unobserved),
            ParkingSession(start: Fixture.at(75), end: Fixture.at(100), startCut: .unobserved, endCut: nil),
        ])
        let figures = try #require(space("S4", changes, photos: gappy))
        #expect(figures.observedSeconds == 90 * 60 && figures.arrivals == 1 && figures.cutByUnobserved == 2)
    }

    @Test func duplicateChangesLastWinsAndOrderDoesNotMatter() throws {
        let changes = [
            Fixture.change(30, .free, space: "S5"), Fixture.change(0, .free, space: "S6"),
            Fixture.change(10, .occupied, space: "S5"), Fixture.change(0, .free, space: "S5"),
            Fixture.change(10, .free, space: "S5"),  // given after the occupied one at minute 10
        ]
        let figures = try #require(space("S5", changes))
        #expect(figures.occupiedSeconds == 0 && figures.completeSessions + figures.cutSessions == 0)
        #expect(OccupancyAnalytics.spaces(changes, cameraReadings: photos, window: window).map(\.space) == ["S5", "S6"])
    }

    @Test func spaceOfACameraWithoutPhotosIsNeverObserved() throws {
        let figures = try #require(space("S7", [Fixture.change(0, .occupied, space: "S7", camera: "B")]))
        #expect(figures.observedSeconds == 0 && figures.utilisation == nil && figures.turnoverPerDay == nil)
    }

    @Test func observedSessionEndsAreEncodedAsNull() throws {
        let session = ParkingSession(start: Fixture.at(0), end: Fixture.at(5), startCut: nil, endCut: .unobserved)
        let json = String(decoding: try JSONEncoder().encode(session), as: UTF8.self)
        #expect(json.contains("\"startCut\":null") && json.contains("\"endCut\":\"unobserved\""))
        #expect(try JSONDecoder().decode(ParkingSession.self, from: Data(json.utf8)) == session)
    }

    @Test func evenCountMedianIsTheMeanOfTheMiddleTwo() {
        #expect(SpaceUtilisation.median(ofSorted: [1, 2, 10, 20]) == 6)
        #expect(SpaceUtilisation.median(ofSorted: [1, 2, 10]) == 2)
    }
}
