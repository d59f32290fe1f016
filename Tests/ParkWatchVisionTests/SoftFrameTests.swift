import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A soft frame (a lens out of focus) is sharpened for the detector and read as taken by the
/// classifier; a sharp one is left alone. Real dev frames, blurred as such a lens would, through
/// real OpenCV and the real detector.
@Suite struct SoftFrameTests {
    private let light = FrameLight()
    /// A Gaussian of 3 px at 854×480 (`/tmp/soft` in docs/benchmarks.md), at the dev frames' 1280×720.
    private static let lensBlur = 4.5

    private func devFrame(_ index: Int = 0) throws -> Image {
        try Image(contentsOfFile: Fixtures.frames(day: "day1", extension: "png")[index].path)
    }

    @Test func aSoftFrameIsSharpenedForTheDetectorOnly() throws {
        let soft = try devFrame().blurred(sigma: Self.lensBlur)
        let softness = try light.softness(soft)
        #expect(softness >= light.softShare, "softness \(softness)")
        let frame = try light.lifted(soft)
        #expect(frame.adjustment == FrameAdjustment(sharpened: true))
        #expect(frame.image === soft)
        let view = try frame.detectorView()
        #expect(try view.detail().variance > 2 * soft.detail().variance)
        // Made once: the whole frame's look and the closer one read the same view.
        #expect(try frame.detectorView() === view)
    }

    @Test func aSharpFrameIsNotSoftAndLightCorrectionOffReadsASoftOneAsTaken() throws {
        let sharp = try devFrame()
        let softness = try light.softness(sharp)
        #expect(softness < light.softShare / 2, "softness \(softness)")
        #expect(try light.lifted(sharp).adjustment == nil)
        let soft = try sharp.blurred(sigma: Self.lensBlur)
        let asTaken = try FrameLight.off.lifted(soft)
        #expect(try asTaken.adjustment == nil && asTaken.detectorView() === soft)
    }

    /// A region without detail (one level) has nothing to sharpen.
    @Test func aFlatRegionIsNotSoft() throws {
        let flat = try devFrame().mapped(by: [UInt8](repeating: 90, count: 256))
        #expect(try light.softness(flat) == 0)
        #expect(try light.lifted(flat).adjustment?.sharpened != true)
    }

    /// Measured on the five busy dev frames blurred so: the detector's boxes cover 21 of the 32
    /// taken spaces as taken, 26 sharpened.
    @Test func theDetectorFindsMoreCarsInASoftFrameSharpened() async throws {
        let detector = try #require(Fixtures.detector)
        var (asTaken, sharpened, taken) = (0, 0, 0)
        for url in Fixtures.frames(day: "day1", extension: "png") {
            let spaces = try LabelledSpace.load(besideFrame: url).filter(\.occupied)
            let soft = try Image(contentsOfFile: url.path).blurred(sigma: Self.lensBlur)
            let covered = { (image: Image) in try await detector.detect(image).boxes }
            let (plain, sharp) = (try await covered(soft), try await covered(try light.lifted(soft).detectorView()))
            asTaken += spaces.filter { $0.isCovered(by: plain) }.count
            sharpened += spaces.filter { $0.isCovered(by: sharp) }.count
            taken += spaces.count
        }
        print("soft dev frames: taken spaces covered as taken \(asTaken), sharpened \(sharpened), of \(taken)")
        #expect(taken == 32 && sharpened >= asTaken + 4)
    }

    @Test func theReportsSayTheFrameWasSharpened() throws {
        let encoded = try JSONEncoder().encode(FrameAdjustment(sharpened: true))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"sharpened":true}"#)
        #expect(FrameAdjustment(sharpened: true).shownFields.map(\.name) == ["sharpened"])
    }
}
