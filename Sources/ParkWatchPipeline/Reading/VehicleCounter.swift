import ParkWatchVision

/// The detector as the pipeline sees it: a real `VehicleDetector` in the product; tests of the
/// logic around it may substitute their own.
package protocol VehicleCounter: Sendable {
    func detect(_ image: Image) async throws -> Detections
    /// Only where `areas` are, when the rest of the frame is known unchanged; a counter that
    /// cannot look at part of a frame looks at all of it.
    func detect(_ image: Image, around areas: [PixelRect]) async throws -> Detections
}

extension VehicleCounter {
    package func detect(_ image: Image, around areas: [PixelRect]) async throws -> Detections { try await detect(image) }
}

extension VehicleDetector: VehicleCounter {}
