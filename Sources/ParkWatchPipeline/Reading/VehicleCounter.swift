import ParkWatchVision

/// The detector as the pipeline sees it: a real `VehicleDetector` in the product; tests of the
/// logic around it may substitute their own.
package protocol VehicleCounter: Sendable {
    func detect(_ image: Image) async throws -> Detections
}

extension VehicleDetector: VehicleCounter {}
