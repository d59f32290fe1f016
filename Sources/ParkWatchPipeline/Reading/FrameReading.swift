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
    /// The detector's faint boxes (`Detections.faint`): not vehicles counted, only evidence that
    /// the spaces they touch may not be empty.
    package var faintBoxes: [VehicleBox] = []
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

    init(width: Int, height: Int, layout: LotLayout?, vehicles: Int?) {
        self.width = width
        self.height = height
        self.layout = layout
        self.vehicles = vehicles
    }
}
