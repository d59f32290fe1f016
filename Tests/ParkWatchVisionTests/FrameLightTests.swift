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
        let lifted = try light.lifted(frame)
        #expect(lifted.image === frame && lifted.detectorView === frame && lifted.gamma == nil)
    }

    @Test func aDarkenedFrameIsLifted() throws {
        let dark = try devFrame().withGamma(3)
        let median = try dark.medianGrey()
        #expect(median < light.dimMedian, "median \(median)")
        let frame = try light.lifted(dark)
        let lifted = try frame.image.medianGrey()
        #expect(try #require(frame.gamma) < 1 && abs(Double(lifted) - light.liftedMedian(median)) <= 6, "median \(median) → \(lifted)")
        #expect(frame.image.width == dark.width && frame.image.height == dark.height)
        // The detector's view is the lifted frame smoothed: as bright, another image.
        let smoothed = try frame.detectorView.medianGrey()
        #expect(frame.detectorView !== frame.image && abs(smoothed - lifted) <= 2, "\(lifted) \(smoothed)")
    }

    /// The darker the frame, the stronger the lift, up to the strongest gamma; none from
    /// `dimMedian` up, and next to none just under it.
    @Test func theLiftGrowsSmoothlyAsTheFrameDarkens() throws {
        #expect(light.gamma(forMedian: 0) == light.minGamma)
        #expect(light.gamma(forMedian: light.dimMedian) == nil)
        #expect(light.liftedMedian(0) == Double(light.targetMedian))
        #expect(try #require(light.gamma(forMedian: light.dimMedian - 1)) > 0.98)
        let gammas = (1..<light.dimMedian).compactMap { light.gamma(forMedian: $0) }
        #expect(gammas.count == light.dimMedian - 1 && zip(gammas, gammas.dropFirst()).allSatisfy { $0 <= $1 })
        let gamma = light.gamma(forMedian: 30) ?? 0
        // 255 · (30 / 255)^gamma is the lifted median: 62 for a frame of median 30.
        #expect(abs(255 * pow(30.0 / 255, gamma) - light.liftedMedian(30)) < 0.01 && light.liftedMedian(30) == 62)
    }

    /// A region's median is its own (a monotone curve moves it as it moves each level); a region
    /// partly outside the image is clipped, one wholly outside leaves the whole image.
    @Test func theMedianIsTheRegions() throws {
        let frame = try devFrame()
        let lot = PixelRect(x: 300, y: 200, width: 700, height: 500)
        let (whole, inLot) = (try frame.medianGrey(), try frame.medianGrey(in: lot))
        #expect(whole != inLot, "\(whole) \(inLot)")
        let darkened = try frame.withGamma(3).medianGrey(in: lot)
        #expect(abs(Double(darkened) - 255 * pow(Double(inLot) / 255, 3)) <= 1.5, "\(inLot) → \(darkened)")
        let beyond = try frame.medianGrey(in: PixelRect(x: 300, y: 200, width: 5000, height: 5000))
        #expect(try beyond == frame.medianGrey(in: PixelRect(x: 300, y: 200, width: 980, height: 520)))
        #expect(try frame.medianGrey(in: PixelRect(x: 5000, y: 0, width: 10, height: 10)) == whole)
    }

    @Test func aGammaThatIsNotPositiveThrows() throws {
        let frame = try devFrame()
        #expect(throws: VisionError.lightingFailed(reason: "gamma must be positive")) { try frame.withGamma(0) }
    }
}
