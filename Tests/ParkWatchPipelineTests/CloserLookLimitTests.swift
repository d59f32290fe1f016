import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision
import Testing

/// A gated camera's closer look runs at most `closerLookTiles` tiles per frame; the spaces left in
/// doubt beyond them are read again on the next frames, until none is left.
@Suite(.serialized) struct CloserLookLimitTests {
    func reader(tiles: Int?) throws -> FrameReader {
        FrameReader(
            detector: try FrameReaderPathsTests.detector.get(), spaces: try FrameReaderPathsTests.reader.get(),
            options: .stream(ChangeGate.Settings(closerLookTiles: tiles)))
    }

    /// The busy dev morning, one tile per frame: the same frame sent again re-reads the spaces
    /// left waiting, one more tile each time, until the camera reads every space as it does with
    /// no limit; then an unchanged frame re-reads nothing.
    @Test func spacesLeftInDoubtAreLookedAtOnTheNextFrames() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let unlimited = try await reader(tiles: nil).read(frame.image, camera: "cam", layout: frame.layout, at: 0)
        try #require(unlimited.detectorPasses > 2, "the frame needs more than one tile: \(unlimited.detectorPasses) passes")
        let limited = try reader(tiles: 1)
        var reading = try await limited.read(frame.image, camera: "cam", layout: frame.layout, at: 0)
        #expect(reading.detectorPasses == 2 && reading.reclassified == 40)
        var frames = 1
        while reading.detectorRan, frames < unlimited.detectorPasses + 2 {
            reading = try await limited.read(frame.image, camera: "cam", layout: frame.layout, at: Double(frames))
            #expect(reading.detectorPasses <= 2 && reading.reclassified < 40)
            frames += 1
        }
        #expect(!reading.detectorRan && reading.reclassified == 0, "still re-reading after \(frames) frames")
        #expect(frames >= 3, "at least one frame re-read spaces left waiting")
        #expect(reading.decisions.map(\.state) == unlimited.decisions.map(\.state))
    }

    /// A photo's closer look runs every tile its doubt needs: the next photo comes minutes later.
    /// The busy dev morning under a layout of 48 squares over the whole frame, which leaves doubt
    /// in most of its tiles: a stream's 5 tiles leave spaces waiting for its next frames, while
    /// one gated photo leaves none and reads every space as the ungated photo path does.
    @Test func aPhotoLeavesNoSpaceWaiting() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let side = Double(frame.image.width) / 8
        let layout = LotLayout(spaces: (0..<48).map { index in
            let (x, y) = (Double(index % 8) * side, Double(index / 8) * side * 0.75)
            return ParkingSpace(id: "g\(index)", polygon: [
                Point(x: x + 10, y: y + 10), Point(x: x + side - 10, y: y + 10), Point(x: x + side - 10, y: y + side * 0.75 - 10),
                Point(x: x + 10, y: y + side * 0.75 - 10),
            ])
        })
        let stream = try reader(tiles: ChangeGate.Settings.defaultCloserLookTiles)
        let streamFirst = try await stream.read(frame.image, camera: "cam", layout: layout, at: 0)
        let streamAgain = try await stream.read(frame.image, camera: "cam", layout: layout, at: 1)
        try #require(streamAgain.detectorRan, "5 tiles settled the frame (\(streamFirst.detectorPasses) passes)")

        let (detector, spaces) = (try FrameReaderPathsTests.detector.get(), try FrameReaderPathsTests.reader.get())
        let photos = FrameReader(detector: detector, spaces: spaces, options: .photos(gate: .photos))
        let first = try await photos.read(frame.image, camera: "cam", layout: layout, at: 0)
        let again = try await photos.read(frame.image, camera: "cam", layout: layout, at: 1)
        #expect(first.detectorPasses > streamFirst.detectorPasses)
        // Nothing waits: the detector rests, and only the decisions the first left contested are read again.
        let contested = ChangeGate.contested(Dictionary(uniqueKeysWithValues: first.decisions.map { ($0.spaceID, $0) }), settings: .photos)
        #expect(!again.detectorRan && again.reclassified == contested.count)
        let ungated = try await FrameReader(detector: detector, spaces: spaces, options: .photos).read(frame.image, camera: "cam", layout: layout)
        #expect(first.decisions.map(\.state) == ungated.decisions.map(\.state))
    }
}
