import ParkWatchOccupancy
import Testing

/// A camera adapts to its own unlabelled frames: where the detector is reliable its verdicts show
/// how far the camera's classifier is to be trusted.
@Suite struct HistoryAdaptationTests {
    let settings = SpaceDecisionSettings.default
    var prior: FusionWeights { .prior(settings: settings) }

    func decision(_ probability: Double, anchored: Bool = false, unboxed: Bool = false, smallness: Double = 0) -> SpaceDecision {
        let evidence = SpaceEvidence(
            classifier: SpaceEvidence.classifier(probability, settings: settings), anchored: anchored, unboxed: unboxed, smallness: smallness)
        return SpaceDecider.redecide(
            SpaceDecision(spaceID: "s", state: .unknown, confidence: 0, occupiedProbability: 0, classifierProbability: probability,
                          coverage: 0, evidence: evidence),
            weights: prior, settings: settings)
    }

    /// Four parked cars the detector boxes, five free spaces the classifier calls occupied at 0.85
    /// (no box near them), three free spaces it reads right.
    var doubtfulFrame: [SpaceDecision] {
        Array(repeating: decision(0.99, anchored: true), count: 4) + Array(repeating: decision(0.85, unboxed: true), count: 5)
            + Array(repeating: decision(0.05, unboxed: true), count: 3)
    }

    @Test func aSpaceTheClassifierFalselyCallsOccupiedBecomesFree() throws {
        // A space half under a neighbour's box: the detector says nothing of it, so the classifier decides.
        let undecided = decision(0.85)
        #expect(undecided.state == .occupied)
        var history = HistoryAdaptation()
        for _ in 0..<20 { history.learn(from: doubtfulFrame, settings: settings) }
        let adapted = try #require(history.weights(prior: prior, settings: settings))
        #expect(SpaceDecider.redecide(undecided, weights: adapted, settings: settings).state == .free)
        // The cars the detector boxes, and a sure classifier with nothing against it, stay occupied.
        #expect(SpaceDecider.redecide(decision(0.99, anchored: true), weights: adapted, settings: settings).state == .occupied)
        #expect(SpaceDecider.redecide(decision(0.999), weights: adapted, settings: settings).state == .occupied)
        #expect(adapted.anchored == prior.anchored && adapted.unboxed == prior.unboxed)
    }

    /// A gated camera keeps the decisions of the spaces whose crop did not change: those its
    /// adapted weights now read otherwise are the ones to read again, and only those.
    @Test func keptDecisionsTheAdaptedWeightsReadOtherwiseAreOutweighed() throws {
        var history = HistoryAdaptation()
        for _ in 0..<20 { history.learn(from: doubtfulFrame, settings: settings) }
        let adapted = try #require(history.weights(prior: prior, settings: settings))
        let kept = [("doubtful", decision(0.85)), ("boxed", decision(0.99, anchored: true)), ("free", decision(0.05, unboxed: true))]
            .reduce(into: [String: SpaceDecision]()) { kept, named in
                var decision = named.1
                decision.spaceID = named.0
                kept[named.0] = decision
            }
        #expect(SpaceDecider.outweighed(kept, weights: prior, settings: settings).isEmpty)
        #expect(SpaceDecider.outweighed(kept, weights: adapted, settings: settings) == ["doubtful"])
    }

    @Test func aClassifierTheDetectorAgreesWithKeepsThePriorsDecisions() throws {
        let agreeing = Array(repeating: decision(0.99, anchored: true), count: 5) + Array(repeating: decision(0.02, unboxed: true), count: 5)
        var history = HistoryAdaptation()
        for _ in 0..<20 { history.learn(from: agreeing, settings: settings) }
        let adapted = try #require(history.weights(prior: prior, settings: settings))
        #expect(abs(adapted.bias) < 0.5 && adapted.classifier <= prior.classifier)
        for probability in [0.02, 0.2, 0.8, 0.99] {
            let undecided = decision(probability)
            #expect(SpaceDecider.redecide(undecided, weights: adapted, settings: settings).state == undecided.state, "p = \(probability)")
        }
    }

    /// A lot empty all week teaches nothing about cars; blind frames, far spaces and unsure
    /// boxes teach nothing at all.
    @Test func onlyBothKindsOfReliableLabelsMoveTheWeights() {
        var history = HistoryAdaptation()
        for _ in 0..<500 { history.learn(from: Array(repeating: decision(0.3, unboxed: true), count: 10), settings: settings) }
        #expect(history.weights(prior: prior, settings: settings) == nil)
        var blind = decision(0.99)
        blind.evidence.blindFrame = true
        var untaught = HistoryAdaptation()
        for _ in 0..<500 { untaught.learn(from: [blind, decision(0.9, unboxed: true, smallness: 2), decision(0.9)], settings: settings) }
        #expect(untaught.labelled.free == 0 && untaught.labelled.occupied == 0 && untaught.frames == 500)
    }

    /// At dusk the detector boxes half the cars the classifier is sure of (its missing box weighs
    /// half), and in a full lot a missing box says less (`lean`): there the cars it missed are not
    /// free ground, and the history does not learn to doubt a classifier that saw them. The same
    /// frame with the missing box at full weight teaches it.
    @Test func aMissingBoxThatWeighsLessVouchesForNothing() throws {
        func frame(missingBoxWeight: Double = 1, lean: Double = 0) -> [SpaceDecision] {
            let missed = (0..<5).map { _ in
                var car = decision(0.95, unboxed: true)
                car.evidence.missingBoxWeight = missingBoxWeight
                car.evidence.lean = lean
                return car
            }
            return Array(repeating: decision(0.99, anchored: true), count: 5) + missed
        }
        var dusk = HistoryAdaptation(), full = HistoryAdaptation(), clear = HistoryAdaptation()
        for _ in 0..<20 {
            dusk.learn(from: frame(missingBoxWeight: 0.5), settings: settings)
            full.learn(from: frame(lean: 2), settings: settings)
            clear.learn(from: frame(), settings: settings)
        }
        #expect(dusk.labelled.free == 0 && full.labelled.free == 0 && dusk.weights(prior: prior, settings: settings) == nil)
        let taught = try #require(clear.weights(prior: prior, settings: settings))
        #expect(taught.bias < prior.bias)
    }
}
