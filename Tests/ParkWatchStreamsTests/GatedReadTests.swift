import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Change gating keeps the decisions of unchanged spaces; what it re-reads must come out as a
/// full read would decide it, missing-box evidence included (an oblique PKLot frame, where the
/// detector's measured recall is high).
@Suite struct GatedReadTests {
    @Test func aGatedReadOfAnUnchangedFrameDecidesAsAFullRead() async throws {
        let frame = try #require(TestResources.pklotDay1.last)
        let image = try Image(contentsOfFile: frame.path)
        let xml = frame.deletingPathExtension().appendingPathExtension("xml")
        let layout = try LayoutImport.fromPKLot(xml).layout.resolved(width: image.width, height: image.height)
        let boxes = try await VehicleDetector(modelPath: TestResources.model).detect(image).boxes
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier))
        let fullReading = try await reader.reading(image, layout: layout, boxes: boxes)
        let full = fullReading.decisions
        #expect(full.count == 40)

        let previous = Dictionary(uniqueKeysWithValues: full.map { ($0.spaceID, $0) })
        let oneThird = Set(layout.spaces.enumerated().filter { $0.offset % 3 == 0 }.map(\.element.id))
        let gatedReading = try await reader.reading(image, layout: layout, boxes: boxes, reclassify: oneThird, previous: previous)
        let gated = gatedReading.decisions
        #expect(gated.map(\.spaceID) == full.map(\.spaceID))
        // And it adds the same recall evidence to the camera's memory.
        #expect(gatedReading.evidence == fullReading.evidence && fullReading.evidence.found > 0)
        for (a, b) in zip(gated, full) {
            #expect(a.state == b.state && abs(a.occupiedProbability - b.occupiedProbability) < 1e-6, "space \(a.spaceID)")
        }
        // Nothing to re-read: every decision is the kept one.
        let kept = try await reader.reading(image, layout: layout, boxes: boxes, reclassify: [], previous: previous).decisions
        #expect(kept == full)
    }
}
