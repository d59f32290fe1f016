@testable import ParkWatchEvaluation
import Foundation
import Testing
@testable import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore

@Suite struct BinaryTallyTests {
    @Test func unknownCountsAsWrongInAccuracyAndRecallButNotInPrecision() {
        var tally = BinaryTally()
        for _ in 0..<6 { tally.record(occupied: true, state: .occupied) }
        tally.record(occupied: true, state: .free)
        tally.record(occupied: true, state: .unknown)
        tally.record(occupied: false, state: .occupied)
        for _ in 0..<10 { tally.record(occupied: false, state: .free) }
        tally.record(occupied: false, state: .unknown)
        #expect(tally.total == 20 && tally.unknown == 2)
        #expect(tally.accuracy == 16.0 / 20)
        #expect(tally.precision == 6.0 / 7)
        #expect(tally.recall == 6.0 / 8)
        #expect(tally.specificity == 10.0 / 12)
        #expect(abs((tally.balancedAccuracy ?? 0) - (6.0 / 8 + 10.0 / 12) / 2) < 1e-12)
        #expect(abs((tally.f1 ?? 0) - 2 * (6.0 / 7) * 0.75 / (6.0 / 7 + 0.75)) < 1e-12)
    }

    @Test func anEmptyLotHasNoRecallAndItsBalancedAccuracyIsItsSpecificity() {
        var tally = BinaryTally()
        for _ in 0..<39 { tally.record(occupied: false, state: .free) }
        tally.record(occupied: false, state: .occupied)
        #expect(tally.recall == nil && tally.precision == 0 && tally.f1 == nil)
        #expect(tally.balancedAccuracy == 39.0 / 40)
    }

    @Test func countFiguresLeaveZeroExpectationsOutOfMAPE() {
        let figures = CountsEvaluation(perImage: [
            .init(file: "a", expected: 40, found: 38), .init(file: "b", expected: 0, found: 1), .init(file: "c", expected: 10, found: 10),
        ], seconds: 1)
        #expect(figures.mae == 1)
        #expect(figures.mape == 0.025)
    }
}

@Suite struct OccupancyRecordsTests {
    @Test func aPhotoIsStoredAsCountsFreeIDsAndCompactRawStates() async throws {
        let layout = LotLayout(
            lot: nil, imageWidth: 100, imageHeight: 100, normalized: false,
            spaces: ["1", "2", "3"].map { ParkingSpace(id: $0, name: nil, zone: nil, polygon: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1)]) })
        let decisions = [(SpaceState.free, 0.9), (.occupied, 0.8), (.unknown, 0.55)].enumerated().map {
            SpaceDecision(spaceID: "\($0.offset + 1)", state: $0.element.0, confidence: $0.element.1, occupiedProbability: 0, classifierProbability: 0, coverage: 0)
        }
        let at = Date(timeIntervalSince1970: 1_361_514_300)
        let (tracks, changes) = SpaceTracker.advance([:], with: decisions, at: at, settings: .default)
        let write = OccupancyRecords.write(camera: "cam1", capturedAt: at, layout: layout, decisions: decisions, tracks: tracks, changes: changes)
        #expect(write.reading.rawStates == "fou")
        #expect(Array(write.reading.rawConfidence) == [230, 204, 140])
        #expect(write.reading.freeSpaces == "[\"1\"]")
        #expect((write.reading.total, write.reading.occupied, write.reading.free, write.reading.unknown) == (3, 1, 1, 1))
        #expect(write.changes.count == 3)

        let store = try ParkWatchDatabase.inMemory()
        let photo = PhotoRecord(
            camera: "cam1", file: "x.png", sourcePath: "/in/x.png", sha256: "s", sizeBytes: 1, status: .ok, vehicles: 1,
            capturedAt: at, captureSource: "exif", receivedAt: at, archivedPath: "/a/x.png")
        let stored = try await store.insert(photo, occupancy: write)
        let reading = try #require(try await store.spaceReading(photoID: stored.id!))
        #expect(reading.rawStates == "fou" && reading.layoutId > 0)
        #expect(OccupancyRecords.tracks(from: try await store.spaceTracks(camera: "cam1")) == tracks)
        #expect(try await store.spaceChanges(camera: "cam1").count == 3)
    }
}

@Suite struct ProgressTextTests {
    @Test func timeLeftIsTheRemainingItemsAtTheRateSoFar() {
        #expect(ProgressText.line(done: 1200, total: 12417, noun: "images", elapsed: .seconds(480)) == "1200/12417 images, about 75 min left")
        #expect(ProgressText.line(done: 900, total: 1000, noun: "crops", elapsed: .seconds(45)) == "900/1000 crops, about 5 s left")
        #expect(ProgressText.line(done: 10, total: 100, noun: "images", elapsed: .seconds(11)) == "10/100 images, about 2 min left")
        #expect(ProgressText.line(done: 10, total: 100, noun: "images", elapsed: .seconds(9)) == "10/100 images, about 81 s left")
    }

    @Test func withNothingDoneOrAllDoneThereIsNoEstimate() {
        #expect(ProgressText.line(done: 0, total: 5, noun: "images", elapsed: .seconds(3)) == "0/5 images")
        #expect(ProgressText.line(done: 5, total: 5, noun: "images", elapsed: .seconds(3)) == "5/5 images")
    }
}
