import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing
@testable import ParkWatchOccupancy

/// A space whose closer look waits for a later frame was seen only in the shrunk whole frame,
/// where a far car is easily missed: no box there is then no evidence that it is free.
@Suite struct UnlookedSpaceTests {
    @Test func noBoxInAnUnlookedSpaceIsNoEvidence() throws {
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        let layout = try LayoutImport.fromPKLot(xml).layout.resolved(width: 1280, height: 720)
        let sure = Set(["3", "17", "29"])
        var scores: [String: SpaceScore] = [:]
        for space in layout.spaces {
            scores[space.id] = SpaceScore(
                spaceID: space.id, occupiedProbability: sure.contains(space.id) ? 0.9 : 0.05, brightness: 100, sharpness: 500)
        }
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier))
        let looked = reader.decisions(layout: layout, scores: scores, boxes: [])
        let waiting = reader.decisions(layout: layout, scores: scores, boxes: [], unlooked: ["17"])
        let pairs = Dictionary(uniqueKeysWithValues: zip(looked, waiting).map { ($0.spaceID, ($0, $1)) })
        let (seen, unseen) = try #require(pairs["17"])
        #expect(seen.evidence.unboxed && !unseen.evidence.unboxed)
        #expect(unseen.occupiedProbability > seen.occupiedProbability + 0.2, "\(seen.occupiedProbability) → \(unseen.occupiedProbability)")
        for id in ["3", "29"] {
            let (one, other) = try #require(pairs[id])
            #expect(one == other && one.evidence.unboxed, "space \(id) was looked at: unchanged")
        }
    }
}
