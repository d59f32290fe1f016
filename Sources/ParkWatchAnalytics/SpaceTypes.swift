import Foundation

/// Why one end of a parking session is not a real arrival or departure.
package enum SessionCut: String, Sendable, Codable {
    /// The session runs into the window's start or end.
    case windowEdge
    /// The space was unobserved there (camera down or stale, or the state was `unknown`).
    case unobserved
}

/// A stay: a maximal stretch of observed `occupied` time of one space.
package struct ParkingSession: Sendable, Equatable, Codable {
    package var start: Date
    package var end: Date
    /// `nil` when the free → occupied change was observed.
    package var startCut: SessionCut?
    /// `nil` when the occupied → free change was observed.
    package var endCut: SessionCut?

    package init(start: Date, end: Date, startCut: SessionCut?, endCut: SessionCut?) {
        self.start = start
        self.end = end
        self.startCut = startCut
        self.endCut = endCut
    }

    /// Both ends observed: only such sessions have a known dwell time.
    package var isComplete: Bool { startCut == nil && endCut == nil }
    package var dwellSeconds: Double { end.timeIntervalSince(start) }

    // Hand-written so that an observed end is an explicit JSON `null`, like every absent figure.
    package func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(start, forKey: .start)
        try keyed.encode(end, forKey: .end)
        try keyed.encode(startCut, forKey: .startCut)
        try keyed.encode(endCut, forKey: .endCut)
    }
}

/// One space's observed time and its sessions in the window, in time order.
package struct SpaceSessions: Sendable, Equatable, Codable {
    package var camera: String
    package var space: String
    package var observedSeconds: Double
    package var occupiedSeconds: Double
    package var sessions: [ParkingSession]
}

/// Per-space figures over the window; see docs/analytics.md.
package struct SpaceUtilisation: Sendable, Equatable, Codable {
    package var camera: String
    package var space: String
    package var observedSeconds: Double
    package var occupiedSeconds: Double
    /// `occupiedSeconds / observedSeconds`.
    package var utilisation: Double?
    package var completeSessions: Int
    /// Sessions with at least one cut end (a session cut at both ends counts once here).
    package var cutSessions: Int
    /// Cut sessions with an end at the window's edge, and with an end at unobserved time
    /// (a session cut once each way is in both).
    package var cutByWindowEdge: Int
    package var cutByUnobserved: Int
    /// Sessions whose start (free → occupied) was observed.
    package var arrivals: Int
    /// `arrivals / (observedSeconds / 86 400)`.
    package var turnoverPerDay: Double?
    /// Over complete sessions only.
    package var meanDwellSeconds: Double?
    package var medianDwellSeconds: Double?

    // Hand-written so that missing figures are JSON `null`, not absent keys.
    package func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(camera, forKey: .camera)
        try keyed.encode(space, forKey: .space)
        try keyed.encode(observedSeconds, forKey: .observedSeconds)
        try keyed.encode(occupiedSeconds, forKey: .occupiedSeconds)
        try keyed.encode(utilisation, forKey: .utilisation)
        try keyed.encode(completeSessions, forKey: .completeSessions)
        try keyed.encode(cutSessions, forKey: .cutSessions)
        try keyed.encode(cutByWindowEdge, forKey: .cutByWindowEdge)
        try keyed.encode(cutByUnobserved, forKey: .cutByUnobserved)
        try keyed.encode(arrivals, forKey: .arrivals)
        try keyed.encode(turnoverPerDay, forKey: .turnoverPerDay)
        try keyed.encode(meanDwellSeconds, forKey: .meanDwellSeconds)
        try keyed.encode(medianDwellSeconds, forKey: .medianDwellSeconds)
    }
}

extension SpaceUtilisation {
    init(_ space: SpaceSessions) {
        let cut = space.sessions.filter { !$0.isComplete }
        let dwells = space.sessions.filter(\.isComplete).map(\.dwellSeconds).sorted()
        let observedDays = space.observedSeconds / 86_400
        let arrivals = space.sessions.count { $0.startCut == nil }
        self.init(
            camera: space.camera, space: space.space,
            observedSeconds: space.observedSeconds, occupiedSeconds: space.occupiedSeconds,
            utilisation: space.observedSeconds > 0 ? space.occupiedSeconds / space.observedSeconds : nil,
            completeSessions: dwells.count, cutSessions: cut.count,
            cutByWindowEdge: cut.count { $0.startCut == .windowEdge || $0.endCut == .windowEdge },
            cutByUnobserved: cut.count { $0.startCut == .unobserved || $0.endCut == .unobserved },
            arrivals: arrivals,
            turnoverPerDay: observedDays > 0 ? Double(arrivals) / observedDays : nil,
            meanDwellSeconds: dwells.isEmpty ? nil : dwells.reduce(0, +) / Double(dwells.count),
            medianDwellSeconds: Self.median(ofSorted: dwells))
    }

    /// The middle value; for an even count the mean of the two middle values.
    static func median(ofSorted values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        return values.count.isMultiple(of: 2) ? (values[middle - 1] + values[middle]) / 2 : values[middle]
    }
}
