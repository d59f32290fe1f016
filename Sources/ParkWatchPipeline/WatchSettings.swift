import Foundation
import ParkWatchConfig
import ParkWatchImageFiles
import ParkWatchOccupancy
import ParkWatchVision

/// Everything the service's pipeline needs (inbox, streams and web alike), with the defaults a
/// new user gets.
public struct WatchSettings: Sendable {
    public var inbox = URL(fileURLWithPath: "inbox")
    public var archive = URL(fileURLWithPath: "archive")
    public var database = "parkwatch.sqlite"
    public var model: String
    public var timeZone: TimeZone = .gmt
    /// Cameras whose clocks run in another zone than `timeZone`.
    public var cameraTimeZones: [String: TimeZone] = [:]
    public var detector: DetectorSettings = .default
    public var limits: ImageLimits = .default
    public var settle: Duration = .seconds(2)
    /// Layout JSON per camera id; cameras without one get vehicle counts only.
    public var layouts: [String: String] = [:]
    public var classifier = ModelLocator.classifier.resolve(explicit: nil)
    public var spaces: SpaceDecisionSettings = .default
    public var overlays = false

    public init(model: String) {
        self.model = model
    }

    /// The zone of `camera`'s clock.
    public func timeZone(of camera: String) -> TimeZone { cameraTimeZones[camera] ?? timeZone }
}
