/// What a camera's frames have shown about the detector's recall in its view: how many vehicles the
/// classifier was sure of, and how many of those a box covered. An empty lot shows nothing about
/// the detector; the busy hours of the same camera do, so this carries them forward.
public struct RecallMemory: Sendable, Equatable, Codable {
    public private(set) var sure = 0.0
    public private(set) var found = 0.0

    public init() {}

    /// One frame's evidence: its sure vehicles and the boxed ones among them.
    public init(sure: Double, found: Double) {
        self.sure = sure
        self.found = found
    }

    /// What a frame shows: the spaces the classifier is sure of, and how many of those a box covers.
    public static func evidence(
        classifierProbabilities: [Double], coverages: [Double], settings: SpaceDecisionSettings
    ) -> RecallMemory {
        let sure = zip(classifierProbabilities, coverages).filter { $0.0 >= settings.sureOccupied }
        return RecallMemory(sure: Double(sure.count), found: Double(sure.filter { $0.1 >= settings.coverageLow }.count))
    }

    /// This memory with a new frame's evidence added, older frames scaled down so that at most
    /// `limit` sure vehicles' worth is kept: recent hours count, a camera that moved is relearned.
    public func adding(_ frame: RecallMemory, limit: Double) -> RecallMemory {
        let total = RecallMemory(sure: sure + frame.sure, found: found + frame.found)
        guard total.sure > limit else { return total }
        let scale = limit / total.sure
        return RecallMemory(sure: limit, found: total.found * scale)
    }
}
