import COpenCVShim
import Foundation

/// Lifts a dim frame (dusk, a night lit by a few lamps, a camera that under-exposes) before the
/// detector and the classifier see it. Both learnt from daylight: on a dark frame the detector
/// misses dark cars, and the spaces' crops fall under `SpaceDecisionSettings.minBrightness`,
/// where a space can only be unknown. One gamma curve moves the frame's median grey up; the
/// order of levels, so every edge the detector looks for, stays.
package struct FrameLight: Sendable, Equatable {
    /// Frames whose median grey is under this are lifted. The dev camera's real frames,
    /// sunrise and dusk included, stay above 60.
    package var dimMedian = 50
    /// The median grey a black frame would be lifted to. The lift falls off linearly to none at
    /// `dimMedian`, so a camera's frames at dusk brighten smoothly, not by a step that makes
    /// the change gate re-read every space.
    package var targetMedian = 80
    /// The strongest lift: a lower gamma would mostly amplify sensor noise and JPEG blocks.
    package var minGamma = 0.3
    /// The lift raises a dark frame's sensor noise with its light, and the detector takes noise
    /// for texture: it reads the lifted frame smoothed by a Gaussian of this many pixels. The
    /// classifier reads it unsmoothed (smoothed, its false alarms at dusk rise).
    package var detectorSmoothing = 1.0

    package init() {}

    /// The median grey a frame of this median grey is lifted to (itself from `dimMedian` up).
    package func liftedMedian(_ median: Int) -> Double {
        guard median < dimMedian else { return Double(median) }
        let dim = Double(dimMedian)
        return dim + (Double(targetMedian) - dim) * (dim - Double(median)) / dim
    }

    /// The gamma that lifts a frame of this median grey; nil when it needs none.
    package func gamma(forMedian median: Int) -> Double? {
        guard median < dimMedian, targetMedian < 255 else { return nil }
        let level = Double(max(median, 1)) / 255
        return max(minGamma, log(liftedMedian(median) / 255) / log(level))
    }

    /// `image` lifted, or `image` itself when it is not dim. `region`: where its light is judged,
    /// e.g. the lot's spaces, whose light matters, not a dark sky's or a lamp's around them (nil:
    /// the whole image).
    package func lifted(_ image: Image, judgedIn region: PixelRect? = nil) throws(VisionError) -> LiftedFrame {
        guard let gamma = gamma(forMedian: try image.medianGrey(in: region)) else {
            return LiftedFrame(asTaken: image)
        }
        let lifted = try image.withGamma(gamma)
        return LiftedFrame(image: lifted, detectorView: try lifted.blurred(sigma: detectorSmoothing), gamma: gamma)
    }
}

/// A frame as the readers see it: lifted when it was dim.
package struct LiftedFrame: Sendable {
    /// What the classifier and the view follower read.
    package var image: Image
    /// What the detector reads: a lifted frame smoothed by `FrameLight.detectorSmoothing`, else `image`.
    package var detectorView: Image
    /// The gamma of the lift; nil: the frame as taken.
    package var gamma: Double?

    /// `gamma` as logs and JSON show it, to two decimals.
    package static func shown(_ gamma: Double?) -> Double? { gamma.map { ($0 * 100).rounded() / 100 } }

    package init(image: Image, detectorView: Image, gamma: Double?) {
        self.image = image
        self.detectorView = detectorView
        self.gamma = gamma
    }

    /// A frame read as taken.
    package init(asTaken image: Image) {
        self.init(image: image, detectorView: image, gamma: nil)
    }
}

extension Image {
    /// The median grey level, 0...255, of `region` (clipped to the image; nil or nothing left of
    /// it: the whole image), sampled at every 4th pixel of every 4th row.
    package func medianGrey(in region: PixelRect? = nil) throws(VisionError) -> Int {
        let whole = PixelRect(x: 0, y: 0, width: width, height: height)
        let area = region.flatMap { $0.clipped(to: whole) } ?? whole
        var median: Int32 = 0
        let failure = withExtendedLifetime(self) {
            Shim.call {
                pw_image_median_grey(handle, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height), &median, $0, $1)
            }
        }
        if let failure { throw .lightingFailed(reason: failure.message) }
        return Int(median)
    }

    /// A copy smoothed by a Gaussian of `sigma` pixels.
    package func blurred(sigma: Double) throws(VisionError) -> Image {
        var smoothed: OpaquePointer?
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_blur(handle, sigma, &smoothed, $0, $1) } }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let smoothed else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: smoothed)
    }

    /// A copy with every level v mapped to 255 · (v / 255)^gamma: under 1 lifts, over 1 darkens.
    package func withGamma(_ gamma: Double) throws(VisionError) -> Image {
        var mapped: OpaquePointer?
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_gamma(handle, gamma, &mapped, $0, $1) } }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let mapped else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: mapped)
    }
}
