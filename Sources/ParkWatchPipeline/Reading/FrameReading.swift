import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision

/// What one frame of a camera showed, before anything is stored: the vehicles the detector
/// found and, for a camera with a layout, each space's decision.
public struct FrameReading: Sendable {
    /// The camera's layout fitted to this frame; nil for a camera without one.
    public var layout: LotLayout?
    public var width: Int
    public var height: Int
    /// Every space's decision in layout order: fresh for the spaces read, kept for the rest.
    public var decisions: [SpaceDecision] = []
    /// Vehicles in the frame; the last count when the gate let the detector rest.
    public var vehicles: Int?
    public var boxes: [VehicleBox] = []
    /// Spaces the classifier read in this frame (the gate kept the others' last decisions).
    public var reclassified = 0
    public var detectorRan = false
    public var detectMs: Double?
    public var spacesMs: Double?
    /// Why the spaces could not be read, when they could not: the vehicle count still stands.
    public var spacesFailure: String?

    init(width: Int, height: Int, layout: LotLayout?, vehicles: Int?) {
        self.width = width
        self.height = height
        self.layout = layout
        self.vehicles = vehicles
    }
}
