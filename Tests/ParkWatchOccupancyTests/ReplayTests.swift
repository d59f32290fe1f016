import Foundation
import ParkWatchEvaluation
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// `parkwatch replay` and the gate for photos, on the dev camera's busy morning (day1: cars
/// arriving between 06:25 and 07:15), whose truth is known.
@Suite struct ReplayTests {
    let day1 = TestResources.dataset("pklot-ufpr05-dev").appendingPathComponent("day1")

    func replay(gate: ChangeGate.Settings?) async throws -> ReplayReport {
        let xml = try #require(ImageFolderFixture.xml(in: day1))
        let reader = FrameReader(
            detector: try VehicleDetector(modelPath: TestResources.model),
            spaces: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)), options: .photos(gate: gate))
        return try await Replayer(reader: reader, layout: try LayoutImport.readPKLot(xml).layout).replay(day1)
    }

    /// One full pass, then only what the gate chooses: the same state for every space of every
    /// photo as reading each photo in full, with less read and fewer network passes.
    @Test func gatingChangesNoDecisionOnAKnownSequence() async throws {
        let full = try await replay(gate: nil)
        let gated = try await replay(gate: ChangeGate.Settings(fullEvery: 86_400))
        #expect(full.photos == 5 && gated.photos == 5)
        #expect(gated.states == full.states)
        #expect(full.reclassifiedShare == 1 && gated.reclassifiedShare < 1, "gated re-read \(gated.reclassifiedShare)")
        #expect(gated.detectorPasses <= full.detectorPasses && full.detectorPasses == 5 * 13)
        #expect(Set(full.perStageMs.keys) == ["decode", "detect", "spaces"] && full.medianMs > 0)
        #expect(full.states.allSatisfy { $0.count == 40 })
        // Read in full, no photo is a few-changes photo; gated, the morning's cars arrive a few at a time.
        #expect(full.fewChanges.photos == 0 && gated.fewChanges.changedPhotos >= 1, "\(gated.fewChanges)")
        #expect(gated.fewChanges.changedMedianMs > 0 && gated.fewChanges.photos >= gated.fewChanges.changedPhotos)
        // Every photo read in full takes the whole frame and its 12 tiles; the gated first photo
        // looks closer only where the whole frame leaves a space in doubt.
        #expect(full.fullPasses.photos == 5 && full.fullPasses.meanDetectorPasses == 13)
        #expect(gated.fullPasses.photos >= 1 && gated.fullPasses.meanDetectorPasses < 13, "\(gated.fullPasses)")
        #expect(gated.fullPasses.maxMs <= gated.maxMs && gated.fullPasses.medianMs > 0)
    }
}

/// A day folder's first PKLot XML: every frame of a PKLot camera shares its spaces.
enum ImageFolderFixture {
    static func xml(in folder: URL) -> URL? {
        (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path }.first
    }
}
