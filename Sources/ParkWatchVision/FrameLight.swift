import Foundation

/// Lifts a dim frame (dusk, a night lit by a few lamps, a camera that under-exposes) and stretches
/// a flat one (fog, haze, a fogged or dirty lens) before the detector and the classifier see it,
/// and sharpens a soft one (a lens out of focus) for the detector.
/// Both learnt from clear daylight: on a dark frame the detector misses dark cars and the spaces'
/// crops fall under `SpaceDecisionSettings.minBrightness`, where a space can only be unknown; in
/// fog it misses cars whose edges have faded. A gamma curve moves the median grey up (in a dim
/// frame whose parts stay dim, one gamma per cell of a grid), then a linear stretch widens the
/// spread of levels. The order of levels, so every edge the detector looks for, stays.
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
    /// Frames whose levels spread (5th to 95th percentile) over fewer than this many greys are
    /// stretched. The dev camera's 714 stream frames spread over 63 and more.
    package var flatSpread = 55
    /// The spread a frame of one level would be stretched to; as with the lift, the stretch
    /// falls off linearly to none at `flatSpread`.
    package var targetSpread = 90
    /// The strongest stretch: more would mostly amplify sensor noise and JPEG blocks.
    package var maxGain = 4.0
    /// Cells across the grid a dim frame's local light is judged on; 0: none, the frame's own lift only.
    package var localColumns = 16
    /// The light sets the stretched levels' middle, kept this far from black and white.
    static let stretchMargin = 10.0
    /// The level table that leaves every level as it is.
    static let unchanged = (0..<256).map { UInt8($0) }
    /// An adjusted frame's sensor noise rises with its light or contrast, and the detector takes
    /// noise for texture: it reads the adjusted frame smoothed by a Gaussian of this many pixels.
    /// The classifier reads it unsmoothed (smoothed, its false alarms at dusk rise).
    package var detectorSmoothing = 1.0
    /// A frame is soft when, shrunk to `softWidth` pixels across, its Laplacian keeps at least
    /// this share of its variance after a Gaussian of 1 pixel: a sharp frame's fine detail goes,
    /// a soft one has little to lose. The dev camera's frames (1280×720 to 640×360, by day, at
    /// dusk, at night, in fog, with sensor noise) keep 0.02–0.07; blurred by a Gaussian of 1.5 px
    /// at 854×480, 0.11–0.13 (read as well as sharp ones); of 2 px, 0.18–0.20; of 3 px, 0.35–0.37.
    package var softShare = 0.16
    package var softWidth = 320
    /// A soft frame's detector view is sharpened by an unsharp mask of a Gaussian of this many
    /// pixels at `softWidth` across, and this amount. YOLOX misses the cars a soft lens blurs into
    /// the ground; the classifier, which learnt on blurred crops, reads the frame as taken
    /// (sharpened, its halos read as cars).
    package var sharpenSigma = 1.1
    package var sharpenAmount = 2.0

    package init() {}

    /// Reads every frame as taken (`light_correction: false`).
    package static let off: FrameLight = {
        var light = FrameLight()
        (light.dimMedian, light.flatSpread, light.softShare) = (0, 0, .infinity)
        return light
    }()

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

    /// The factor that stretches levels spread over `spread` greys; nil when they need none.
    package func gain(forSpread spread: Double) -> Double? {
        let flat = Double(flatSpread)
        guard spread < flat else { return nil }
        let stretched = flat + (Double(targetSpread) - flat) * (flat - spread) / flat
        return min(maxGain, stretched / max(spread, 1))
    }

    /// `image` lifted and stretched as it needs, or `image` itself. `region`: where its light is
    /// judged, e.g. the lot's spaces, whose light matters, not a dark sky's or a lamp's around
    /// them (nil: the whole image).
    package func lifted(_ image: Image, judgedIn region: PixelRect? = nil) throws(VisionError) -> LiftedFrame {
        let levels = try image.greyLevels(in: region)
        let gamma = gamma(forMedian: levels.percentile(0.5))
        // Only in a dim frame: in a lit one, a dark part is a shadow or a tree, which the
        // detector sees through (lifted, the dev frames' false alarms rise).
        let local = try gamma.map { gamma throws(VisionError) in try localGammas(image, after: gamma) } ?? nil
        let curve = { (level: Double) in gamma.map { 255 * pow(level / 255, $0) } ?? level }
        let (low, high) = (curve(Double(levels.percentile(0.05))), curve(Double(levels.percentile(0.95))))
        let gain = gain(forSpread: high - low)
        let soft = softShare.isFinite ? try softness(image, in: region) >= softShare : false
        guard gamma != nil || gain != nil || local != nil || soft else { return LiftedFrame(asTaken: image) }
        var adjusted = image
        if let local { adjusted = try image.withGammas(local, columns: localColumns) }
        // The table does what the grid has not: the frame's own lift when no grid ran, and the stretch.
        let table = table(curve: local == nil ? curve : { $0 }, low: low, high: high, gain: gain)
        if table != Self.unchanged { adjusted = try adjusted.mapped(by: table) }
        let adjustment = FrameAdjustment(gamma: gamma, contrastGain: gain, liftedLocally: local != nil, sharpened: soft)
        let view: LiftedFrame.DetectorView = soft
            ? .sharpened(sigma: sharpenSigma * atSoftWidth(image), amount: sharpenAmount) : .smoothed(sigma: detectorSmoothing)
        return LiftedFrame(image: adjusted, detectorView: view, adjustment: adjustment)
    }

    /// The share of the variance of `image`'s Laplacian in `region` (nil: the whole image) that a
    /// Gaussian of 1 pixel leaves, with the image shrunk to `softWidth` across (never enlarged).
    /// 0 for a region without detail: nothing there to sharpen.
    package func softness(_ image: Image, in region: PixelRect? = nil) throws(VisionError) -> Double {
        let detail = try image.detail(in: region, shrunk: atSoftWidth(image))
        return detail.variance > 0 ? detail.smoothed / detail.variance : 0
    }

    /// How many of `image`'s pixels make one at `softWidth` across (at least 1).
    func atSoftWidth(_ image: Image) -> Double { max(1, Double(image.width) / Double(max(softWidth, 1))) }

    /// The level table of `curve` (the lift, or none), then of a stretch by `gain` of the levels
    /// the curve takes to `low`...`high`, keeping their middle where it was, inside the margins.
    func table(curve: (Double) -> Double, low: Double, high: Double, gain: Double?) -> [UInt8] {
        let width = (high - low) * (gain ?? 1)
        let start = min(max((low + high - width) / 2, Self.stretchMargin), 255 - Self.stretchMargin - width)
        return (0..<256).map { level in
            let lifted = curve(Double(level))
            return UInt8(clamping: Int((gain.map { start + (lifted - low) * $0 } ?? lifted).rounded()))
        }
    }

    /// A grid of gammas, `localColumns` across, when some part of a dim frame stays dim after the
    /// frame's own lift by `gamma` (a lot lit by a few lamps): each cell is lifted as a frame of
    /// its median would be, on top of `gamma`. Nil when no cell needs more.
    func localGammas(_ image: Image, after gamma: Double) throws(VisionError) -> [Float]? {
        let columns = localColumns
        guard columns > 0 else { return nil }
        let rows = max(1, Int((Double(columns) * Double(image.height) / Double(max(image.width, 1))).rounded()))
        var gammas: [Float] = []
        var dim = false
        for row in 0..<rows {
            for column in 0..<columns {
                let (x, y) = (column * image.width / columns, row * image.height / rows)
                let cell = PixelRect(x: x, y: y, width: (column + 1) * image.width / columns - x, height: (row + 1) * image.height / rows - y)
                let median = 255 * pow(Double(try image.medianGrey(in: cell)) / 255, gamma)
                let more = self.gamma(forMedian: Int(median.rounded()))
                dim = dim || more != nil
                gammas.append(Float(gamma * (more ?? 1)))
            }
        }
        return dim ? gammas : nil
    }
}

/// What `FrameLight` did to a frame: the gamma of the lift, the factor of the stretch, whether
/// dim parts were lifted more. It encodes as every report shows it (`analyze --json`, `eval
/// spaces --json`'s images, flattened into their objects): `lifted_by`, `lifted_locally`,
/// `stretched_by`, each left out when it does not apply; the watch log uses the same names.
package struct FrameAdjustment: Sendable, Equatable, Encodable {
    package var gamma: Double?
    package var contrastGain: Double?
    package var liftedLocally: Bool
    /// The detector read the frame sharpened: it is soft.
    package var sharpened: Bool

    package init(gamma: Double? = nil, contrastGain: Double? = nil, liftedLocally: Bool = false, sharpened: Bool = false) {
        self.gamma = gamma
        self.contrastGain = contrastGain
        self.liftedLocally = liftedLocally
        self.sharpened = sharpened
    }

    /// The gamma as logs and JSON show it, to two decimals.
    package var shownGamma: Double? { gamma.map(Self.twoDecimals) }
    /// The stretch's factor as logs and JSON show it, to two decimals.
    package var shownGain: Double? { contrastGain.map(Self.twoDecimals) }
    /// `true` when dim parts were lifted more, else nil: JSON leaves the key out.
    package var shownLocally: Bool? { liftedLocally ? true : nil }
    /// `true` when the detector read the frame sharpened, else nil.
    package var shownSharpened: Bool? { sharpened ? true : nil }

    private static func twoDecimals(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    enum CodingKeys: String, CodingKey {
        case liftedBy = "lifted_by", liftedLocally = "lifted_locally", stretchedBy = "stretched_by", sharpened
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(shownGamma, forKey: .liftedBy)
        try container.encodeIfPresent(shownLocally, forKey: .liftedLocally)
        try container.encodeIfPresent(shownGain, forKey: .stretchedBy)
        try container.encodeIfPresent(shownSharpened, forKey: .sharpened)
    }

    /// The shown values under their report names, for a log line's metadata.
    package var shownFields: [(name: String, value: String)] {
        [(CodingKeys.liftedBy, shownGamma.map { "\($0)" }), (.liftedLocally, shownLocally.map { "\($0)" }),
         (.stretchedBy, shownGain.map { "\($0)" }), (.sharpened, shownSharpened.map { "\($0)" })]
            .compactMap { key, value in value.map { (key.rawValue, $0) } }
    }
}

/// A report object with its frame's adjustment's keys beside its own, not under a key of their
/// own: `analyze --json`'s objects and `eval spaces --json`'s images.
package struct Adjusted<Report: Encodable>: Encodable {
    let report: Report
    let adjustment: FrameAdjustment?

    package init(_ report: Report, _ adjustment: FrameAdjustment?) {
        self.report = report
        self.adjustment = adjustment
    }

    package func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        try adjustment?.encode(to: encoder)
    }
}
