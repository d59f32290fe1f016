import Foundation

extension OccupancyAnalytics {
    /// Per-space utilisation, sessions, turnover and dwell, sorted by camera then space.
    ///
    /// `changes` must include, for each space, its last change at or before `window.from` (the
    /// state it enters the window with) as well as the changes inside the window; passing them
    /// ordered by camera, space and time avoids any regrouping or sorting.
    /// `cameraReadings` are the cameras' photo readings: a space is observed only while its
    /// camera is (same staleness rule as for counts), so a space of a camera without readings
    /// is never observed.
    package static func spaces(
        _ changes: [SpaceStateChange], cameraReadings: [String: [OccupancyReading]], window: AnalyticsWindow
    ) -> [SpaceUtilisation] {
        sessions(changes, cameraReadings: cameraReadings, window: window).map(SpaceUtilisation.init)
    }

    /// The sessions behind `spaces`, each with its cut marks, for reports that list stays.
    package static func sessions(
        _ changes: [SpaceStateChange], cameraReadings: [String: [OccupancyReading]], window: AnalyticsWindow
    ) -> [SpaceSessions] {
        var observedByCamera: [String: [Range<Double>]] = [:]
        return SpaceGrouping.bySpace(changes).map { key, spaceChanges in
            let observed = observedByCamera[key.camera] ?? observedIntervals(cameraReadings[key.camera] ?? [], window: window)
            observedByCamera[key.camera] = observed
            return spaceSessions(key, Chronology.lastWins(spaceChanges) { $0.at }, observed: observed, window: window)
        }
    }

    static func observedIntervals(_ readings: [OccupancyReading], window: AnalyticsWindow) -> [Range<Double>] {
        var sink = ObservedIntervals()
        var track = [CameraTrack(readings, maxStaleness: window.maxStaleness)]
        LotSweep.sweep(&track, from: window.start, to: window.end, into: &sink)
        return sink.intervals
    }

    static func spaceSessions(
        _ key: SpaceKey, _ changes: [SpaceStateChange], observed: [Range<Double>], window: AnalyticsWindow
    ) -> SpaceSessions {
        var builder = SessionBuilder(windowStart: window.start, windowEnd: window.end)
        SpaceTimeline.pieces(changes, observed: observed) { start, end, state in
            builder.add(from: start, to: end, state: state)
        }
        builder.finish()
        return SpaceSessions(
            camera: key.camera, space: key.space, observedSeconds: builder.observedSeconds,
            occupiedSeconds: builder.occupiedSeconds, sessions: builder.sessions)
    }
}

struct SpaceKey: Hashable, Comparable {
    var camera: String
    var space: String

    static func < (lhs: SpaceKey, rhs: SpaceKey) -> Bool {
        (lhs.camera, lhs.space) < (rhs.camera, rhs.space)
    }
}

enum SpaceGrouping {
    /// Changes grouped per space, sorted by key. Input already grouped in runs (the store's
    /// `ORDER BY camera, space, at`) is cut into runs by comparison, without hashing every row.
    static func bySpace(_ changes: [SpaceStateChange]) -> [(key: SpaceKey, changes: [SpaceStateChange])] {
        let runs = contiguousRuns(changes)
        let grouped: [(key: SpaceKey, changes: [SpaceStateChange])]
        if Set(runs.map(\.key)).count == runs.count {
            grouped = runs.map { ($0.key, Array(changes[$0.range])) }
        } else {
            grouped = Dictionary(grouping: changes) { SpaceKey(camera: $0.camera, space: $0.space) }
                .map { ($0.key, $0.value) }
        }
        return grouped.sorted { $0.key < $1.key }
    }

    static func contiguousRuns(_ changes: [SpaceStateChange]) -> [(key: SpaceKey, range: Range<Int>)] {
        var runs: [(key: SpaceKey, range: Range<Int>)] = []
        var runStart = 0
        for position in changes.indices.dropFirst() {
            let previous = changes[position - 1]
            let current = changes[position]
            if current.space != previous.space || current.camera != previous.camera {
                runs.append((SpaceKey(camera: previous.camera, space: previous.space), runStart..<position))
                runStart = position
            }
        }
        if let last = changes.last {
            runs.append((SpaceKey(camera: last.camera, space: last.space), runStart..<changes.count))
        }
        return runs
    }
}
