import Foundation
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing
@testable import ParkWatchOccupancy

/// A space in a tree's deep shadow on a sunny morning (the dev camera, 2013-03-10 09:00, the lot
/// empty): its crop is darker than `minBrightness`, but the frame is lit and the detector sees
/// through the shadow, so the space is judged, not left unknown. Without a detector the dark
/// crop stays unknown.
@Suite struct ShadowTests {
    @Test func aShadowInALitFrameIsJudged() async throws {
        let frame = TestResources.dataset("ufpr05-stream/frames/2013-03-10_09_00_03.jpg")
        let image = try Image(contentsOfFile: frame.path)
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        let layout = try LayoutImport.fromPKLot(xml).layout.resolved(width: image.width, height: image.height)
        let boxes = try await VehicleDetector(modelPath: TestResources.model).detect(image).boxes
        let reader = SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier))
        let settings = reader.settings

        let seen = try await reader.reading(image, layout: layout, boxes: boxes)
        let shadowed = seen.filter { ($0.brightness ?? 255) < settings.minBrightness }
        #expect(shadowed.map(\.spaceID) == ["30", "31"])
        #expect(shadowed.allSatisfy { $0.state == .free && $0.viewProblem == nil })
        #expect(seen.allSatisfy { $0.state == .free })

        let unseen = try await reader.reading(image, layout: layout, boxes: nil)
        let dark = unseen.filter { ["30", "31"].contains($0.spaceID) }
        #expect(dark.allSatisfy { $0.state == .unknown && $0.viewProblem == "too dark" })
    }

    /// At night most spaces are dark and a few lie under lamps: the median says the frame is dark,
    /// so its dark crops stay too dark to judge. By day a few shadows do not make it dark.
    @Test func theMedianSpaceSaysWhetherAFrameIsLit() {
        let decider = FrameDecider()
        #expect(!decider.isLit([8, 9, 12, 15, 150, 160]))
        #expect(decider.isLit([15, 18, 82, 90, 95]))
        #expect(!decider.isLit([]))
    }

    /// Far spaces and smooth asphalt give a few flat crops in a sharp frame; fog or a covered
    /// lens makes most of them flat.
    @Test func theMedianSpaceSaysWhetherAFrameIsSharp() {
        let decider = FrameDecider()
        #expect(decider.isSharp([0.5, 2, 30, 45, 60]))
        #expect(!decider.isSharp([0.5, 1, 2, 3, 60]))
        #expect(!decider.isSharp([]))
    }
}
