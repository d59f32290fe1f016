import Foundation
import ParkWatchSpaces
import ParkWatchStore

/// Turns one photo's decisions and the tracker's step into what the store keeps.
package enum OccupancyRecords {
    package static func write(
        camera: String, capturedAt: Date, layout: LotLayout, decisions: [SpaceDecision],
        tracks: [String: SpaceTrack], changes: [SpaceChange]
    ) -> OccupancyWrite {
        let ids = layout.spaces.map(\.id)
        let confirmed = ids.map { tracks[$0]?.state ?? .unknown }
        let byID = Dictionary(decisions.map { ($0.spaceID, $0) }, uniquingKeysWith: { $1 })
        let raw = ids.map { byID[$0] }
        let freeIDs = zip(ids, confirmed).filter { $0.1 == .free }.map(\.0)
        let reading = SpaceReadingRecord(
            camera: camera, capturedAt: capturedAt, total: ids.count,
            occupied: confirmed.filter { $0 == .occupied }.count, free: freeIDs.count,
            unknown: confirmed.filter { $0 == .unknown }.count,
            freeSpaces: json(freeIDs), rawStates: String(raw.map { code($0?.state ?? .unknown) }),
            rawConfidence: Data(raw.map { UInt8(((($0?.confidence ?? 0) * 255).rounded()).clamped(0, 255)) }))
        return OccupancyWrite(
            spaceIDs: ids, reading: reading,
            changes: changes.map {
                SpaceChangeRecord(camera: camera, space: $0.spaceID, at: capturedAt, state: $0.state.rawValue, confidence: $0.confidence)
            },
            tracks: tracks.map { id, track in trackRecord(camera: camera, space: id, track) })
    }

    package static func tracks(from records: [String: SpaceTrackRecord]) -> [String: SpaceTrack] {
        records.compactMapValues { record in
            guard let state = SpaceState(rawValue: record.state) else { return nil }
            return SpaceTrack(
                state: state, confidence: record.confidence, candidate: record.candidateState.flatMap(SpaceState.init(rawValue:)),
                candidateCount: record.candidateCount, updatedAt: record.updatedAt)
        }
    }

    static func trackRecord(camera: String, space: String, _ track: SpaceTrack) -> SpaceTrackRecord {
        SpaceTrackRecord(
            camera: camera, space: space, state: track.state.rawValue, confidence: track.confidence,
            candidateState: track.candidate?.rawValue, candidateCount: track.candidateCount, updatedAt: track.updatedAt)
    }

    /// A state as `space_reading.raw_states` spells it: o, f or u.
    package static func code(_ state: SpaceState) -> Character {
        switch state {
        case .occupied: "o"
        case .free: "f"
        case .unknown: "u"
        }
    }

    static func json(_ ids: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(ids)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(high, Swift.max(low, self)) }
}
