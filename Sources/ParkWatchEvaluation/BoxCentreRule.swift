import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

/// The rule general vision libraries are bent to: a space is occupied when a vehicle box's centre
/// lies inside it, never unknown. `eval spaces` scores it on the same frames as `baseline`, so
/// every run shows whether the pipeline beats its own detector.
package struct BoxCentreRule: Sendable {
    /// The usual set-up: YOLOX-Nano on the whole frame plus 3x2 tiles (frames wider than 640 px, or
    /// any frame of a view with depth or of small vehicles, as the pipeline's detector runs),
    /// score 0.3, and no finer look.
    package static let detectorSettings: DetectorSettings = {
        var settings = DetectorSettings(tiling: TileGrid(columns: 3, rows: 2))
        settings.finerLookAtMost = 1
        return settings
    }()

    let detector: any VehicleCounter

    package init(detector: any VehicleCounter) {
        self.detector = detector
    }

    /// Each space's verdict (layout order) in `image`. `farVehicles`: the pipeline's reader finds
    /// depth in the layout, so this detector tiles as the pipeline's does.
    func states(_ image: Image, layout: LotLayout, farVehicles: Bool) async throws -> [(id: String, state: SpaceState)] {
        let detections = try await detector.detect(image, farVehicles: farVehicles, spaces: [], vehicleSides: [])
        let centred = BoxAssignment.centred(detections.boxes, spaces: layout.spaces)
        return zip(layout.spaces, centred).map { ($0.id, $1 ? .occupied : .free) }
    }
}
