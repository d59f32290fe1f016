import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Change gating keeps the decisions of unchanged spaces; what it re-reads must come out as a
/// full read would decide it, box evidence included (an oblique PKLot frame).
@Suite struct GatedReadTests {
    @Test func aGatedReadOfAnUnchangedFrameDecidesAsAFullRead() async throws {
        let frame = try #require(TestResources.pklotDay1.last)
        let image = try Image(contentsOfFile: frame.path)
        let xml = frame.deletingPathExtension().appendingPathExtension("xml")
        let layout = try LayoutImport.fromPKLot(xml).layout.resolved(width: image.width, height: image.height)
        let boxes = try await VehicleDetector(modelPath: TestResources.model).detect(image).boxes
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier))
        let full = try await reader.reading(image, layout: layout, boxes: boxes)
        #expect(full.count == 40)

        let previous = Dictionary(uniqueKeysWithValues: full.map { ($0.spaceID, $0) })
        let oneThird = Set(layout.spaces.enumerated().filter { $0.offset % 3 == 0 }.map(\.element.id))
        let gated = try await reader.reading(image, layout: layout, boxes: boxes, reclassify: oneThird, previous: previous)
        #expect(gated.map(\.spaceID) == full.map(\.spaceID))
        #expect(full.contains { $0.evidence.anchored } && full.contains { $0.evidence.unboxed })
        for (a, b) in zip(gated, full) {
            #expect(a.state == b.state && a.evidence.anchored == b.evidence.anchored && a.evidence.unboxed == b.evidence.unboxed, "space \(a.spaceID)")
            #expect(abs(a.occupiedProbability - b.occupiedProbability) < 1e-6, "space \(a.spaceID)")
        }
        // Nothing to re-read: every decision is the kept one.
        let kept = try await reader.reading(image, layout: layout, boxes: boxes, reclassify: [], previous: previous)
        #expect(kept == full)
    }
}
