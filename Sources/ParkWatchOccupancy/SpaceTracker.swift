import Foundation
import ParkWatchSpaces

/// The confirmed state of one space and the change it is waiting to confirm.
package struct SpaceTrack: Sendable, Equatable {
    package var state: SpaceState
    package var confidence: Double
    package var candidate: SpaceState?
    package var candidateCount: Int
    package var updatedAt: Date

    package init(state: SpaceState, confidence: Double, candidate: SpaceState? = nil, candidateCount: Int = 0, updatedAt: Date) {
        self.state = state
        self.confidence = confidence
        self.candidate = candidate
        self.candidateCount = candidateCount
        self.updatedAt = updatedAt
    }
}

/// A confirmed change of one space's state.
package struct SpaceChange: Sendable, Equatable {
    package var spaceID: String
    package var state: SpaceState
    package var confidence: Double
}

/// Against flicker: a space's confirmed state changes only after `confirmPhotos` agreeing photos
/// in a row, or at once on a photo at least `confirmConfidence` sure. A space seen for the first
/// time takes its first reading. A photo captured before the space's last update (arriving out of
/// order) does not move the confirmed state; its raw reading is still stored.
package enum SpaceTracker {
    package static func advance(
        _ previous: [String: SpaceTrack], with decisions: [SpaceDecision], at time: Date, settings: SpaceDecisionSettings
    ) -> (tracks: [String: SpaceTrack], changes: [SpaceChange]) {
        var tracks = previous
        var changes: [SpaceChange] = []
        for decision in decisions {
            let (track, changed) = step(previous[decision.spaceID], decision, at: time, settings: settings)
            tracks[decision.spaceID] = track
            if changed { changes.append(SpaceChange(spaceID: decision.spaceID, state: track.state, confidence: track.confidence)) }
        }
        return (tracks, changes)
    }

    static func step(
        _ previous: SpaceTrack?, _ decision: SpaceDecision, at time: Date, settings: SpaceDecisionSettings
    ) -> (SpaceTrack, changed: Bool) {
        guard var track = previous else {
            return (SpaceTrack(state: decision.state, confidence: decision.confidence, updatedAt: time), true)
        }
        guard time >= track.updatedAt else { return (track, false) }
        track.updatedAt = time
        if decision.state == track.state {
            track.confidence = decision.confidence
            track.candidate = nil
            track.candidateCount = 0
            return (track, false)
        }
        track.candidateCount = track.candidate == decision.state ? track.candidateCount + 1 : 1
        track.candidate = decision.state
        guard decision.confidence >= settings.confirmConfidence || track.candidateCount >= settings.confirmPhotos else {
            return (track, false)
        }
        return (SpaceTrack(state: decision.state, confidence: decision.confidence, updatedAt: time), true)
    }
}
