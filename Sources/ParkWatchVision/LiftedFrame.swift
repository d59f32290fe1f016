import Synchronization

/// A frame as the readers see it: lifted or stretched when its light asked for it, and what the
/// detector reads of it.
package struct LiftedFrame: Sendable {
    /// What the detector reads, made from `image`.
    package enum DetectorView: Sendable, Equatable {
        case asTaken
        /// Smoothed by a Gaussian of `sigma` pixels (`FrameLight.detectorSmoothing`).
        case smoothed(sigma: Double)
        /// Sharpened by an unsharp mask (`FrameLight.sharpenSigma`, `sharpenAmount`).
        case sharpened(sigma: Double, amount: Double)
    }

    /// What the classifier and the view follower read. Constant, as the detector's view is made from it once.
    package let image: Image
    /// nil: the frame as taken.
    package let adjustment: FrameAdjustment?
    private let view: DetectorView
    /// The detector's view once made: most gated photos run no detector, and one that does may
    /// look twice (the whole frame, then closer).
    private let made = MadeView()

    package init(image: Image, detectorView view: DetectorView, adjustment: FrameAdjustment?) {
        self.image = image
        self.view = view
        self.adjustment = adjustment
    }

    /// A frame read as taken.
    package init(asTaken image: Image) {
        self.init(image: image, detectorView: .asTaken, adjustment: nil)
    }

    /// What the detector reads, made on first use.
    package func detectorView() throws(VisionError) -> Image {
        try made.image.withLock { made throws(VisionError) -> Image in
            if let made { return made }
            let image: Image
            switch view {
            case .asTaken: image = self.image
            case .smoothed(let sigma): image = try self.image.blurred(sigma: sigma)
            case .sharpened(let sigma, let amount): image = try self.image.sharpened(sigma: sigma, amount: amount)
            }
            made = image
            return image
        }
    }

    private final class MadeView: Sendable {
        let image = Mutex<Image?>(nil)
    }
}
