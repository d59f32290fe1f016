import Foundation
import ParkWatchVision
import Testing

/// Dim frames are lifted by one gamma curve towards `FrameLight.targetMedian`; lit ones are left
/// as they are. Real dev frames through real OpenCV.
@Suite struct FrameLightTests {
    private let light = FrameLight()

    private func devFrame() throws -> Image {
        try Image(contentsOfFile: try #require(Fixtures.frames(day: "day1", extension: "png").first).path)
    }

    @Test func aLitFrameIsReadAsTaken() throws {
        let frame = try devFrame()
        #expect(try frame.medianGrey() >= light.dimMedian)
        let (image, gamma) = try light.lifted(frame)
        #expect(image === frame && gamma == nil)
    }

    @Test func aDarkenedFrameIsLiftedBackTowardsTheTarget() throws {
        let dark = try devFrame().withGamma(3)
        let median = try dark.medianGrey()
        #expect(median < light.dimMedian, "median \(median)")
        let (image, gamma) = try light.lifted(dark)
        let lifted = try image.medianGrey()
        #expect(try #require(gamma) < 1 && abs(lifted - light.targetMedian) <= 6, "median \(median) → \(lifted)")
        #expect(image.width == dark.width && image.height == dark.height)
    }

    @Test func theLiftStopsAtTheStrongestGamma() {
        #expect(light.gamma(forMedian: 0) == light.minGamma)
        #expect(light.gamma(forMedian: light.dimMedian) == nil)
        let gamma = light.gamma(forMedian: 30) ?? 0
        // 255 · (30 / 255)^gamma is the target.
        #expect(abs(255 * pow(30.0 / 255, gamma) - Double(light.targetMedian)) < 0.01)
    }

    @Test func aGammaThatIsNotPositiveThrows() throws {
        let frame = try devFrame()
        #expect(throws: VisionError.lightingFailed(reason: "gamma must be positive")) { try frame.withGamma(0) }
    }
}
