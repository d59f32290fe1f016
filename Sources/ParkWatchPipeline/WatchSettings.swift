import Foundation
import ParkWatchConfig
import ParkWatchImageFiles
import ParkWatchOccupancy
import ParkWatchVision

/// Everything the service's pipeline needs (inbox, streams and web alike), with the defaults a
/// new user gets.
package struct WatchSettings: Sendable {
    package var inbox = URL(fileURLWithPath: "inbox")
    package var archive = URL(fileURLWithPath: "archive")
    package var database = "parkwatch.sqlite"
    package var model: String
    package var timeZone: TimeZone = .gmt
    /// Cameras whose clocks run in another zone than `timeZone`.
    package var cameraTimeZones: [String: TimeZone] = [:]
    package var detector: DetectorSettings = .default
    /// Cameras whose detector settings differ from `detector` (`cameras.<id>.detector`).
    package var cameraDetectors: [String: DetectorSettings] = [:]
    /// How frames are lifted and stretched before they are read (`light_correction`)…
    package var light = FrameLight()
    /// …and for the cameras that say otherwise.
    package var cameraLights: [String: FrameLight] = [:]
    package var limits: ImageLimits = .default
    package var settle: Duration = .seconds(2)
    /// Layout JSON per camera id; cameras without one get vehicle counts only.
    package var layouts: [String: String] = [:]
    package var classifier = ModelLocator.classifier.resolve(explicit: nil)
    package var spaces: SpaceDecisionSettings = .default
    /// Re-read only the spaces of a photo that changed since the camera's last photo; nil reads
    /// every space of every photo (`spaces.gating: false`).
    package var photoGate: ChangeGate.Settings? = .photos
    package var overlays = false
    /// Receivers of the events readings cause (`webhooks` in the config).
    package var webhooks: [WebhookConfig] = []
    /// Each configured camera's lot (`cameras.<id>.lot`), for the webhooks' lot events.
    package var cameraLots: [String: String] = [:]

    package init(model: String) {
        self.model = model
    }

    /// The zone of `camera`'s clock.
    package func timeZone(of camera: String) -> TimeZone { cameraTimeZones[camera] ?? timeZone }
}
