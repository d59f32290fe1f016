/// How `VehicleDetector` runs the model and merges what it finds.
package struct DetectorSettings: Sendable, Equatable, Codable {
    /// Longest side of the network input: 416, YOLOX-Nano's own. The other side is only as long as
    /// the region needs, rounded up to a multiple of 32. OpenCV 4.6 also runs the export at 640 and
    /// 832, but on dense frames one 832 pass missed far more cars than 416-px tiles.
    package var inputSize = 416
    /// Minimum objectness x class score for a box to count. 0.3 by default: the lowest round value
    /// with no detection on five empty-lot frames (0.25 found a shadow and a lamp head); with 4x3
    /// tiles, counts on the occupied frames do not change between 0.3 and 0.35 (0.4 loses one car).
    package var scoreThreshold: Double
    /// Candidates from here up to `scoreThreshold` are kept apart as faint boxes
    /// (`Detections.faint`). A row of far cars packed side by side often scores 0.15-0.3: not
    /// enough to count them, enough to say the detector did not see empty ground there
    /// (docs/benchmarks.md, "A lower camera").
    package var faintScoreThreshold: Double
    /// In a frame lifted, stretched or sharpened before detection (`FrameLight`), or a crowded one
    /// (`crowdedFrom`), faint boxes from this score up count as vehicles
    /// (`FrameReading.countFaint(from:crowdedFrom:)`): what the adjustment cannot undo (sensor
    /// noise, blur), or the neighbours hiding part of a car, keeps its score low there. 0.25 by
    /// default: on dim, flat and soft copies of the dev frames it finds cars 0.3 misses and no empty
    /// ground (0.2 also counted noise at dusk and night; docs/benchmarks.md, "Dusk, night and a soft
    /// lens"). Other frames never use it: on an empty lot 0.25 boxes a shadow and a bin.
    package var adjustedScoreThreshold: Double
    /// A frame with at least this many vehicle boxes is crowded: cars there hide each other in part,
    /// and its faint boxes count from `adjustedScoreThreshold` (docs/benchmarks.md, "Vehicle counts
    /// on dense frames"). 10: the dev camera's busiest morning frame (13) and every dense frame, and
    /// no frame of its empty lot.
    package var crowdedFrom = 10
    /// Intersection over union above which two boxes are the same vehicle.
    package var nmsIoU = 0.45
    /// Intersection over the smaller box above which two boxes are one vehicle
    /// (a fragment cut by a tile seam, or a car box and a truck box on one vehicle). 0.6 by default:
    /// distinct parked cars measured up to 0.13, duplicates started surviving at 0.9; counts were
    /// the same anywhere from 0.3 to 0.8, and 0.6 leaves room on both sides for other cameras.
    package var mergeOverlap: Double
    /// Extra passes over overlapping tiles; nil runs the whole frame only.
    package var tiling: TileGrid? = TileGrid()
    /// Frames whose long side is at most this many pixels get only the whole-frame pass:
    /// shrinking them to 416 loses little, so tiles would cost time for nothing…
    package var tileWhenLongSideAbove = 640
    /// …unless that pass finds a vehicle whose shorter side is under this many pixels at the
    /// network's scale: the view is crowded or deep, and the tiles enlarge what the whole frame
    /// shrinks. On the dense frames at 640x360 the whole frame alone counts three cars in five.
    package var tileWhenVehiclesUnder = 32
    /// A full look whose boxes' median shorter side is under this many pixels at its tiles'
    /// scale (a wide view of a crowded lot: a 2560x1440 or 3840x2160 frame whose cars are as
    /// small as a 1280x720 frame's) also runs a finer grid…
    package var finerLookBelow = 32.0
    /// …with enough columns and rows to bring that median to about this (on the 1280x720 dense
    /// frames the 4x3 tiles see their cars at about 50)…
    package var finerLookAim = 48.0
    /// …and at most this many times the columns and rows of `tiling` (twice: 8x6, 48 more
    /// passes). 1 turns the finer look off.
    package var finerLookAtMost = 2.0

    package init(inputSize: Int = 416, scoreThreshold: Double = 0.3, faintScoreThreshold: Double = 0.15,
                adjustedScoreThreshold: Double = 0.25, nmsIoU: Double = 0.45,
                mergeOverlap: Double = 0.6, tiling: TileGrid? = TileGrid(), tileWhenLongSideAbove: Int = 640) {
        self.inputSize = inputSize
        self.scoreThreshold = scoreThreshold
        self.faintScoreThreshold = faintScoreThreshold
        self.adjustedScoreThreshold = adjustedScoreThreshold
        self.nmsIoU = nmsIoU
        self.mergeOverlap = mergeOverlap
        self.tiling = tiling
        self.tileWhenLongSideAbove = tileWhenLongSideAbove
    }

    /// Chosen on PKLot UFPR05 frames; see RealFrameDetectionTests for the figures.
    package static let `default` = DetectorSettings()

    /// Throws for values that cannot work, rather than quietly detecting nothing.
    func validate() throws(VisionError) {
        let largestStride = YOLOXDecoder.strides.last!
        guard inputSize >= largestStride, inputSize % largestStride == 0 else {
            throw .invalidSettings(reason: "inputSize \(inputSize) is not a positive multiple of \(largestStride)")
        }
        for (name, value) in [
            ("scoreThreshold", scoreThreshold), ("faintScoreThreshold", faintScoreThreshold),
            ("adjustedScoreThreshold", adjustedScoreThreshold), ("nmsIoU", nmsIoU),
            ("mergeOverlap", mergeOverlap),
        ]
        where !(0...1).contains(value) {
            throw .invalidSettings(reason: "\(name) \(value) is outside 0...1")
        }
        guard crowdedFrom >= 1 else { throw .invalidSettings(reason: "crowdedFrom \(crowdedFrom) is below 1") }
        if let tiling, tiling.columns < 1 || tiling.rows < 1 || !(0..<1).contains(tiling.overlap) {
            throw .invalidSettings(reason: "tiling needs at least 1x1 tiles and an overlap in 0..<1")
        }
    }
}
