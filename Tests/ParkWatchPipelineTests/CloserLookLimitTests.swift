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
}
