import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Dim frames are lifted by one gamma curve towards `FrameLight.targetMedian`, flat (fogged) ones
/// stretched; lit, clear ones are left as they are. Real dev frames through real OpenCV.
@Suite struct FrameLightTests {
    private let light = FrameLight()

    private func devFrame() throws -> Image {
        try Image(contentsOfFile: try #require(Fixtures.frames(day: "day1", extension: "png").first).path)
    }

    @Test func aLitFrameIsReadAsTaken() throws {
        let frame = try devFrame()
        #expect(try frame.medianGrey() >= light.dimMedian)
        let lifted = try light.lifted(frame)
        #expect(try lifted.image === frame && lifted.detectorView() === frame && lifted.adjustment == nil)
    }

    @Test func aDarkenedFrameIsLifted() throws {
        let dark = try devFrame().withGamma(3)
        let median = try dark.medianGrey()
        #expect(median < light.dimMedian, "median \(median)")
        let frame = try light.lifted(dark)
        let lifted = try frame.image.medianGrey()
        #expect(try #require(frame.adjustment?.gamma) < 1 && abs(Double(lifted) - light.liftedMedian(median)) <= 6, "median \(median) → \(lifted)")
        #expect(frame.image.width == dark.width && frame.image.height == dark.height)
        // The detector's view is the lifted frame smoothed: as bright, another image.
        let smoothed = try frame.detectorView().medianGrey()
        #expect(try frame.detectorView() !== frame.image && abs(smoothed - lifted) <= 2, "\(lifted) \(smoothed)")
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

    @Test func aGammaThatIsNotPositiveOrATableOfAnotherSizeThrows() throws {
        let frame = try devFrame()
        #expect(throws: VisionError.lightingFailed(reason: "gamma must be positive")) { try frame.withGamma(0) }
        #expect(throws: VisionError.lightingFailed(reason: "a level table needs 256 entries, not 3")) { try frame.mapped(by: [0, 1, 2]) }
    }

    static func spread(_ image: Image) throws -> Int {
        let levels = try image.greyLevels()
        return levels.percentile(0.95) - levels.percentile(0.05)
    }

    @Test func aFoggedFrameIsStretchedAndAClearOneIsNot() throws {
        let clear = try devFrame()
        #expect(try Self.spread(clear) >= light.flatSpread)
        let fog = try clear.mapped(by: Fog.thick)
        let spread = try Self.spread(fog)
        #expect(spread < light.flatSpread / 2, "spread \(spread)")
        let frame = try light.lifted(fog)
        let gain = try #require(frame.adjustment?.contrastGain)
        #expect(frame.adjustment?.gamma == nil && gain > 2)
        // The stretched spread is the gain's, within a level's rounding at each end.
        let stretched = try Self.spread(frame.image)
        #expect(abs(Double(stretched) - Double(spread) * gain) <= 2, "\(spread) × \(gain) → \(stretched)")
        #expect(try frame.detectorView() !== frame.image)
        // Brightness stays where the fog put it.
        #expect(abs(try frame.image.medianGrey() - fog.medianGrey()) <= 12)
    }

    /// The flatter the frame, the stronger the stretch, up to `maxGain`; none from `flatSpread` up.
    @Test func theStretchGrowsSmoothlyAsTheFrameFlattens() throws {
        #expect(light.gain(forSpread: Double(light.flatSpread)) == nil)
        #expect(light.gain(forSpread: 0) == light.maxGain)
        #expect(try #require(light.gain(forSpread: Double(light.flatSpread) - 0.5)) < 1.02)
        let gains = (1..<light.flatSpread).compactMap { light.gain(forSpread: Double($0)) }
        #expect(gains.count == light.flatSpread - 1 && zip(gains, gains.dropFirst()).allSatisfy { $0 >= $1 })
        // A spread of 30 stretches to 55 + 35 · 25 / 55 = 70.9 levels.
        #expect(abs((light.gain(forSpread: 30) ?? 0) * 30 - 70.91) < 0.01)
    }

    /// A lot lit by one lamp: the frame is dim, its left half darker still. The frame's own lift
    /// leaves that half dark; the grid of gammas lifts it more, and the lit half no more.
    @Test func theDarkPartsOfADimFrameAreLiftedMore() throws {
        let lamp = try devFrame().withGammas([4, 4, 2, 2], columns: 4)
        let (width, height) = (lamp.width, lamp.height)
        let (left, right) = (PixelRect(x: 0, y: 0, width: width / 4, height: height), PixelRect(x: width * 3 / 4, y: 0, width: width / 4, height: height))
        let frame = try light.lifted(lamp)
        let gamma = try #require(frame.adjustment?.gamma)
        #expect(frame.adjustment?.liftedLocally == true)
        let ownLiftOnly = try lamp.withGamma(gamma)
        let (dark, lifted) = (try ownLiftOnly.medianGrey(in: left), try frame.image.medianGrey(in: left))
        #expect(dark < light.dimMedian && lifted >= light.dimMedian, "the dark side \(dark) → \(lifted)")
        #expect(abs(try frame.image.medianGrey(in: right) - ownLiftOnly.medianGrey(in: right)) <= 3)

        var frameOnly = light
        frameOnly.localColumns = 0
        #expect(try frameOnly.lifted(lamp).adjustment == FrameAdjustment(gamma: gamma))
        #expect(throws: VisionError.lightingFailed(reason: "a gamma grid of 3 cells cannot have 2 columns")) {
            try lamp.withGammas([1, 1, 1], columns: 2)
        }
    }

    @Test func percentilesCountFromTheDarkEnd() {
        var counts = [UInt32](repeating: 0, count: 256)
        (counts[10], counts[20], counts[200]) = (5, 4, 1)
        let levels = GreyLevels(counts: counts)
        #expect(levels.percentile(0) == 10 && levels.percentile(0.5) == 10 && levels.percentile(0.6) == 20)
        #expect(levels.percentile(0.9) == 20 && levels.percentile(0.95) == 200 && levels.percentile(1) == 200)
    }
}
