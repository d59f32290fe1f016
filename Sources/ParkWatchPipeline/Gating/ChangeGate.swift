import ParkWatchOccupancy

/// Decides which spaces need the classifier again: those whose crop no longer looks like the
/// crop they were last classified on, and every space every `fullEvery` seconds.
///
/// A crop is compared as grey levels minus its own mean, so a cloud or the evening dimming a
/// space moves nothing; the mean absolute difference must exceed `threshold` plus `noiseFactor`
/// times the median difference over all spaces, so sensor noise and compression artefacts,
/// which every space shows alike, raise the bar instead of triggering work; a difference above
/// `sureChange` is a change however high that bar. A median above `threshold` means the whole
/// view changed (camera moved, lights switched): everything is read.
package struct ChangeGate: Sendable {
    package struct Settings: Sendable, Equatable {
        /// Grey levels (0-255) of mean absolute difference a changed space must exceed.
        package var threshold: Double
        package var noiseFactor: Double
        /// Grey levels of difference that always count as a change. When much of a lot changes
        /// between two samples (photos far apart on a busy day) the median rises with it, and the
        /// noise bar alone would hide a far car leaving or arriving (differences of 9.6-12.5 under
        /// bars of 13.3-16.5 on the wide mosaics of docs/benchmarks.md, whose pieces jump hours).
        package var sureChange: Double
        /// Seconds between full re-classifications; 0 re-classifies every space every time (no gating).
        package var fullEvery: Double
        /// Side of the square grey crop compared.
        package var cropSize: Int
        /// Most detector tiles a frame's closer look runs (nil: every tile it needs). The spaces
        /// left in doubt beyond them are read again, and looked at closer, on the next frames: a
        /// frame whose whole view changed then costs little more than one that did not.
        package var closerLookTiles: Int?
        /// Kept decisions less sure than this (`SpaceDecision.confidence`) are read again on the
        /// next frame, though their crop did not change: a photo minutes later brings the
        /// classifier and the detector a fresh look where the last one's evidence conflicted. nil
        /// keeps them (a stream's next frame, a fraction of a second later, holds nothing new).
        package var rereadBelow: Double?

        package init(
            threshold: Double = 6, noiseFactor: Double = 2, sureChange: Double = 10, fullEvery: Double = 300, cropSize: Int = 32,
            closerLookTiles: Int? = Self.defaultCloserLookTiles, rereadBelow: Double? = nil
        ) {
            self.threshold = threshold
            self.noiseFactor = noiseFactor
            self.sureChange = sureChange
            self.fullEvery = fullEvery
            self.cropSize = cropSize
            self.closerLookTiles = closerLookTiles
            self.rereadBelow = rereadBelow
        }

        /// A stream's: with the whole frame, at most 6 of a 1280x720 frame's 13 network passes
        /// when its whole view changed; the next frames, a fraction of a second later, look at
        /// the spaces left waiting.
        package static let defaultCloserLookTiles = 5

        package static let `default` = Settings()
        /// Photos, a minute or more apart: a full pass every 15 minutes (every third photo of a
        /// camera sending one every 5 minutes), besides the first after a start. The closer look
        /// runs every tile its doubt needs: the next photo comes minutes later, so a space left
        /// waiting would keep the whole frame's reading that long, and a camera over many small
        /// spaces, whose whole frame misses most cars, would store those cars free until then.
        /// For the same reason a decision its photo left contested is read again on the next one.
        package static let photos = Settings(fullEvery: 900, closerLookTiles: nil, rereadBelow: 0.7)
        /// The photos' settings with a full pass every `fullEvery` seconds and `closerLookTiles`.
        package static func photos(fullEvery: Double, closerLookTiles: Int?) -> Settings {
            var settings = photos
            (settings.fullEvery, settings.closerLookTiles) = (fullEvery, closerLookTiles)
            return settings
        }
        /// Every space every time: the baseline the gate is measured against.
        package static let off = Settings(fullEvery: 0, closerLookTiles: nil)
    }

    /// Which spaces to classify now, and why.
    package struct Selection: Sendable, Equatable {
        package var spaces: Set<String>
        /// Every space, because a full pass was due or the whole view changed.
        package var full: Bool
        /// Each space's difference from its reference (empty on a full pass with no references).
        package var differences: [String: Double]
    }

    package let settings: Settings
    private var references: [String: [Float]] = [:]
    private var lastFull: Double?

    package init(settings: Settings = .default) {
        self.settings = settings
    }

    /// `crops` holds each space's zero-mean grey crop (see `GreyCrop`), `time` is in seconds.
    package func select(_ crops: [String: [Float]], at time: Double) -> Selection {
        let all = Set(crops.keys)
        let fullDue = lastFull.map { settings.fullEvery <= 0 || time - $0 >= settings.fullEvery || time < $0 } ?? true
        guard !fullDue, Set(references.keys).isSuperset(of: all) else {
            return Selection(spaces: all, full: true, differences: [:])
        }
        var differences: [String: Double] = [:]
        for (id, crop) in crops { differences[id] = Self.meanAbsoluteDifference(crop, references[id]!) }
        let noise = Array(differences.values).median ?? 0
        guard noise <= settings.threshold else { return Selection(spaces: all, full: true, differences: differences) }
        let bar = min(settings.threshold + settings.noiseFactor * noise, settings.sureChange)
        return Selection(spaces: Set(differences.filter { $0.value > bar }.keys), full: false, differences: differences)
    }

    /// The spaces of `kept` whose decision is less sure than `settings.rereadBelow`.
    package static func contested(_ kept: [String: SpaceDecision], settings: Settings) -> Set<String> {
        guard let below = settings.rereadBelow else { return [] }
        return Set(kept.values.filter { $0.confidence < below }.map(\.spaceID))
    }

    /// The classified spaces' crops become their new references.
    package mutating func classified(_ selection: Selection, crops: [String: [Float]], at time: Double) {
        for id in selection.spaces { references[id] = crops[id] }
        if selection.full { lastFull = time }
    }

    static func meanAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var sum: Float = 0
        for index in a.indices { sum += abs(a[index] - b[index]) }
        return Double(sum) / Double(a.count)
    }
}

/// A space's crop as the gate compares it: grey levels minus their mean.
package enum GreyCrop {
    /// `bgr` is interleaved blue, green, red bytes.
    package static func zeroMean(bgr: [UInt8]) -> [Float] {
        let count = bgr.count / 3
        guard count > 0 else { return [] }
        var grey = [Float](repeating: 0, count: count)
        var total: Float = 0
        for index in 0..<count {
            let value = 0.114 * Float(bgr[3 * index]) + 0.587 * Float(bgr[3 * index + 1]) + 0.299 * Float(bgr[3 * index + 2])
            grey[index] = value
            total += value
        }
        let mean = total / Float(count)
        for index in 0..<count { grey[index] -= mean }
        return grey
    }
}
