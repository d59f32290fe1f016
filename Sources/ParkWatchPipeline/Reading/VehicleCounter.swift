import ParkWatchVision

/// The detector as the pipeline sees it: a real `VehicleDetector` in the product; tests of the
/// logic around it may substitute their own.
package protocol VehicleCounter: Sendable {
    /// In a frame adjusted before detection, or a crowded one, the score from which a faint box
    /// counts as a vehicle (`DetectorSettings.adjustedScoreThreshold`); nil: faint boxes never count.
    var adjustedScoreThreshold: Double? { get }
    /// How many vehicle boxes make a frame crowded (`DetectorSettings.crowdedFrom`); nil: none is.
    var crowdedFrom: Int? { get }
    func detect(_ image: Image) async throws -> Detections
    /// `farVehicles`: the frame shows vehicles far away and small (a layout with depth); a counter
    /// that tiles frames by size tiles this one whatever its size. `spaces` and `vehicleSides`:
    /// where the camera's spaces are and how large a vehicle would be in each, for a counter that
    /// looks closer where vehicles would be small.
    func detect(_ image: Image, farVehicles: Bool, spaces: [PixelRect], vehicleSides: [Double]) async throws -> Detections
    /// Only where `areas` are, when the rest of the frame is known unchanged; a counter that
    /// cannot look at part of a frame looks at all of it.
    func detect(_ image: Image, around areas: [PixelRect]) async throws -> Detections
    /// A first look at the whole frame, which `detect(_:around:after:)` may complete.
    func detectWholeFrame(_ image: Image, farVehicles: Bool) async throws -> Detections
    /// Closer, where `areas` are, after the first look `first` at the same image, with at most
    /// `limit` extra passes; the first `waiting` areas waited on an earlier frame (`TileChoice`).
    /// `vehicleSides`: how large (shorter side, pixels) a vehicle's box would be in each area.
    func detect(
        _ image: Image, around areas: [PixelRect], after first: Detections, limit: Int?, waiting: Int, farVehicles: Bool,
        vehicleSides: [Double]
    ) async throws -> Detections
}

/// A counter that cannot look at part of a frame looks at all of it; one without an adjusted
/// threshold never counts a faint box, one without a crowd size only in adjusted frames.
extension VehicleCounter {
    package var adjustedScoreThreshold: Double? { nil }
    package var crowdedFrom: Int? { nil }
    package func detect(_ image: Image, around areas: [PixelRect]) async throws -> Detections { try await detect(image) }
    package func detectWholeFrame(_ image: Image, farVehicles: Bool) async throws -> Detections { try await detect(image) }
    package func detect(_ image: Image, farVehicles: Bool, spaces: [PixelRect], vehicleSides: [Double]) async throws -> Detections {
        try await detect(image)
    }
    package func detect(
        _ image: Image, around areas: [PixelRect], after first: Detections, limit: Int?, waiting: Int, farVehicles: Bool,
        vehicleSides: [Double]
    ) async throws -> Detections {
        try await detect(image, around: areas)
    }
}

extension VehicleDetector: VehicleCounter {
    package var adjustedScoreThreshold: Double? { settings.adjustedScoreThreshold }
    package var crowdedFrom: Int? { settings.crowdedFrom }
}
