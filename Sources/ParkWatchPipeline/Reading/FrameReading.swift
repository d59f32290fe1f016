import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// What one frame of a camera showed, before anything is stored: the vehicles the detector
/// found and, for a camera with a layout, each space's decision.
package struct FrameReading: Sendable {
    /// The camera's layout fitted to this frame; nil for a camera without one.
    package var layout: LotLayout?
    package var width: Int
    package var height: Int
    /// Every space's decision in layout order: fresh for the spaces read, kept for the rest.
    package var decisions: [SpaceDecision] = []
    /// Vehicles in the frame; the last count when the gate let the detector rest.
    package var vehicles: Int?
    package var boxes: [VehicleBox] = []
    /// The detector's faint boxes (`Detections.faint`): evidence that the spaces they touch may
    /// not be empty; not vehicles counted, unless also in `countedFaint`.
    package var faintBoxes: [VehicleBox] = []
    /// The faint boxes a lifted, stretched or crowded frame counts as vehicles
    /// (`countFaint(from:crowdedFrom:)`), also among `faintBoxes`.
    package var countedFaint: [VehicleBox] = []
    /// The vehicle boxes `vehicles` counts.
    package var countedBoxes: [VehicleBox] { boxes + countedFaint }
    /// Spaces the classifier read in this frame (the gate kept the others' last decisions).
    package var reclassified = 0
    /// Spaces read in this frame whose crop matched their empty look (`EmptyLooks`).
    package var looksEmpty = 0
    /// Each space's zero-mean grey crop, as the empty looks are compared (`GatedCrops.crops`).
    package var spaceCrops: [String: [Float]]?
    package var detectorRan = false
    /// Network passes the detector ran on this frame (whole frame and tiles); 0 when it rested.
    package var detectorPasses = 0
    package var detectMs: Double?
    package var spacesMs: Double?
    /// With a layout that has a reference photo: how far the camera's view moved from it, in pixels
    /// (the spaces were carried along); nil without a reference or when the view is lost.
    package var viewShift: Double?
    /// The reference could not be found in the frame: every space is unknown.
    package var viewLost = false
    /// Why the spaces could not be read, when they could not: the vehicle count still stands.
    package var spacesFailure: String?
    /// How a dim, flat or soft frame was lifted, stretched or sharpened before it was read (`FrameLight`); nil: read as taken.
    package var adjustment: FrameAdjustment?

    /// In a frame adjusted before detection a car scores lower than in a clean one, and in a
    /// crowded frame (`crowdedFrom` vehicle boxes or more) a car its neighbours hide in part does
    /// too, so there faint boxes scored `threshold` or more count as vehicles. A sharpened frame's
    /// stand as boxes for the spaces too (on soft copies of the dev frames they find far cars and
    /// no empty ground). The others stay faint for them: a lifted or stretched frame weighs a
    /// missing box by the detector's recall it measures from the spaces boxes stand in
    /// (`SpaceReader`); as boxes they raise that recall while noise still hides other cars, and
    /// spaces no box reaches read free (docs/benchmarks.md, "Dusk, night and a soft lens").
    mutating func countFaint(from threshold: Double, crowdedFrom: Int?) {
        let crowded = crowdedFrom.map { boxes.count >= $0 } ?? false
        guard adjustment != nil || crowded else { return }
        let asBoxes = adjustment?.sharpened == true
        let counted = faintBoxes.filter { $0.score >= threshold }
        countedFaint = asBoxes ? [] : counted
        guard asBoxes else { return }
        boxes += counted
        faintBoxes.removeAll { $0.score >= threshold }
    }

    init(width: Int, height: Int, layout: LotLayout?, vehicles: Int?) {
        self.width = width
        self.height = height
        self.layout = layout
        self.vehicles = vehicles
    }
}
