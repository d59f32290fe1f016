import Foundation
import ParkWatchOccupancy
import ParkWatchStore

/// A camera's `HistoryAdaptation` as the reader keeps it: taken from the store on the camera's
/// first frame, stored again every `saveEvery` frames so a restart loses little, and started
/// afresh when the stored copy is gone (`parkwatch calibrate --reset`).
struct CameraHistory: Sendable {
    var adaptation = HistoryAdaptation()
    /// `adaptation.frames` when it was last stored; nil if never.
    var savedFrames: Int?

    static let saveEvery = 30

    /// The camera's history: `current` while the store still has it, else the stored one.
    static func resume(_ current: CameraHistory?, camera: String, stored: ParkWatchDatabase?) async throws -> CameraHistory {
        guard let stored else { return current ?? CameraHistory() }
        let record = try await stored.cameraHistory(camera: camera)
        if let current, current.savedFrames == nil || record != nil { return current }
        guard let record else { return CameraHistory() }
        let adaptation = try JSONDecoder().decode(HistoryAdaptation.self, from: Data(record.adaptation.utf8))
        return CameraHistory(adaptation: adaptation, savedFrames: adaptation.frames)
    }

    /// Learns from one frame, and stores the result when it is due.
    mutating func learn(from decisions: [SpaceDecision], settings: SpaceDecisionSettings, camera: String,
                        stored: ParkWatchDatabase?) async throws {
        adaptation.learn(from: decisions, settings: settings)
        guard let stored, adaptation.frames - (savedFrames ?? 0) >= Self.saveEvery else { return }
        let json = String(decoding: try JSONEncoder().encode(adaptation), as: UTF8.self)
        try await stored.setCameraHistory(
            CameraHistoryRecord(camera: camera, adaptation: json, frames: adaptation.frames, updatedAt: Date()))
        savedFrames = adaptation.frames
    }
}
