import Foundation
@testable import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Each space learns how it looks empty from the frames the detector vouches it free, and a crop
/// matching that look outweighs a classifier that calls the space occupied.
@Suite struct EmptyLooksTests {
    /// A 32 x 32 zero-mean crop: asphalt with a painted line down its left side, a little noise
    /// (seeded), at `contrast` (light changes scale it).
    static func asphalt(seed: UInt64, contrast: Float = 1) -> [Float] {
        var random = SeededGenerator(state: seed)
        var crop = (0..<1024).map { index -> Float in
            let x = index % 32
            return (x >= 3 && x <= 5 ? 60 : 0) + Float(random.next() % 13) - 6
        }
        let mean = crop.reduce(0, +) / 1024
        crop = crop.map { ($0 - mean) * contrast }
        return crop
    }

    /// The same space with a car in it: a dark body with a bright windscreen across the middle.
    static func car(seed: UInt64) -> [Float] {
        var random = SeededGenerator(state: seed)
        var crop = asphalt(seed: seed)
        for index in crop.indices {
            let (x, y) = (index % 32, index / 32)
            if x >= 6, x <= 28, y >= 4, y <= 28 { crop[index] = (y >= 10 && y <= 14 ? 70 : -50) + Float(random.next() % 9) }
        }
        let mean = crop.reduce(0, +) / 1024
        return crop.map { $0 - mean }
    }

    @Test func aLookCountsOnceItComesBackOnAnotherDay() throws {
        var looks = EmptyLooks()
        for frame in 0..<10 { looks.learn(["a": Self.asphalt(seed: UInt64(frame))], free: ["a"], day: 100) }
        #expect(looks.similarity(of: Self.asphalt(seed: 50), space: "a") == nil)
        looks.learn(["a": Self.asphalt(seed: 11, contrast: 0.6)], free: ["a"], day: 101)
        let same = try #require(looks.similarity(of: Self.asphalt(seed: 51, contrast: 1.5), space: "a"))
        let taken = try #require(looks.similarity(of: Self.car(seed: 52), space: "a"))
        #expect(same >= EmptyLooks.looksEmpty && taken < EmptyLooks.looksEmpty, "empty \(same), taken \(taken)")
        #expect(looks.matching(["a": Self.asphalt(seed: 53), "b": Self.asphalt(seed: 54)], among: ["a", "b"]) == ["a"])
    }

    /// Only the spaces the detector vouches free are learned: a car the classifier alone sees
    /// never becomes a look.
    @Test func onlyTheVouchedSpacesAreLearned() {
        var looks = EmptyLooks()
        for day in 0..<3 { looks.learn(["a": Self.asphalt(seed: UInt64(day)), "b": Self.car(seed: UInt64(day))], free: ["a"], day: day) }
        #expect(looks.spaces["a"]?.count == 1 && looks.spaces["b"] == nil)
    }

    @Test func looksSurviveTheStoredForm() throws {
        var history = HistoryAdaptation()
        let free = SpaceDecision(
            spaceID: "a", state: .free, confidence: 0.9, occupiedProbability: 0.1, classifierProbability: 0.1, coverage: 0,
            evidence: SpaceEvidence(unboxed: true))
        for day in 0..<2 { history.learnLooks(["a": Self.asphalt(seed: UInt64(day))], decisions: [free], day: day) }
        #expect(history.looks.spaces["a"]?.first?.days == [0, 1])
        let stored = try JSONDecoder().decode(HistoryAdaptation.self, from: try JSONEncoder().encode(history))
        #expect(stored == history)
        // A history stored before looks were kept still reads, with none.
        let older = #"{"free":[],"occupied":[],"frames":3}"#
        #expect(try JSONDecoder().decode(HistoryAdaptation.self, from: Data(older.utf8)).looks == EmptyLooks())
    }

    /// A far space a neighbour's box spills over (so the missing-box term says nothing) and a
    /// classifier sure it is taken: occupied, until its crop matches how it looks empty.
    @Test func aSpaceThatLooksAsItDoesEmptyIsFree() {
        let settings = SpaceDecisionSettings.default
        var evidence = SpaceEvidence(classifier: SpaceEvidence.classifier(0.97, settings: settings), centred: false)
        let decision = SpaceDecision(
            spaceID: "a", state: .unknown, confidence: 0, occupiedProbability: 0, classifierProbability: 0.97, coverage: 0.3,
            evidence: evidence)
        let prior = FusionWeights.prior(settings: settings)
        #expect(SpaceDecider.redecide(decision, weights: prior, settings: settings).state == .occupied)
        evidence.looksEmpty = true
        var matched = decision
        matched.evidence = evidence
        #expect(SpaceDecider.redecide(matched, weights: prior, settings: settings).state == .free)
        // A box standing in the space still wins.
        matched.evidence.anchored = true
        #expect(SpaceDecider.redecide(matched, weights: prior, settings: settings).state == .occupied)
    }

    /// Ground the detector boxes day after day (the half-full frames' light slab, boxed at 0.42)
    /// and the classifier doubts: the box decides the space until its crop matches how it looks
    /// empty, which no parked car's crop does.
    @Test func aBoxOnGroundThatLooksEmptyDoesNotDecide() {
        let layout = depthRow(3)
        let scores = litScores([0.02, 0.2, 0.02], of: layout)
        let slab = [VehicleBox(x: 65, y: 2, w: 50, h: 36, score: 0.42, label: "car")]
        let decide = { (looks: Set<String>) in FrameDecider().decisions(layout: layout, scores: scores, boxes: slab, looksEmpty: looks)[1] }
        #expect(decide([]).state == .occupied)
        let matched = decide(["s1"])
        #expect(matched.evidence.anchored && matched.evidence.looksEmpty)
        #expect(matched.state == .free)
    }

    @Test func weightsStoredWithoutTheEmptyLookKeepItsPrior() throws {
        let older = #"{"anchored":2.9,"bias":-0.5,"classifier":0.8,"unboxed":-3,"unboxed_small":0}"#
        let weights = try FusionWeights(json: older)
        #expect(weights.emptyLook == FusionWeights.emptyLookPrior && weights.bias == -0.5)
    }
}

/// The part of a far space a car parked in front of it hides is left out of the comparison.
@Suite struct HiddenCellsTests {
    static func space(_ id: String, x: Double, y: Double) -> ParkingSpace {
        ParkingSpace(id: id, polygon: [Point(x: x, y: y), Point(x: x + 40, y: y), Point(x: x + 40, y: y + 80), Point(x: x, y: y + 80)])
    }

    @Test func theUnitSquareGoesOntoTheQuadsCorners() {
        let quad = [Point(x: 10, y: 20), Point(x: 90, y: 25), Point(x: 120, y: 100), Point(x: 0, y: 90)]
        let map = SquareToQuad(quad)
        for (corner, (u, v)) in zip(quad, [(0.0, 0.0), (1, 0), (1, 1), (0, 1)]) {
            let point = map.point(u: u, v: v)
            #expect(abs(point.x - corner.x) < 1e-9 && abs(point.y - corner.y) < 1e-9, "\(u), \(v)")
        }
    }

    /// A car standing in the near space (below), its box reaching up over the lower quarter of
    /// the far one: those cells are hidden in the far space; the near space, where it stands,
    /// hides nothing (it is not compared at all); a space no box reaches, or not asked about, has
    /// no mask.
    @Test func aBoxStandingElsewhereHidesWhatItCovers() throws {
        let spaces = [Self.space("far", x: 0, y: 0), Self.space("near", x: 0, y: 80), Self.space("aside", x: 200, y: 0)]
        let car = VehicleBox(x: 0, y: 60, w: 40, h: 100, score: 0.9, label: "car")
        let visible = HiddenCells.visible([car], spaces: spaces)
        let far = try #require(visible[0])
        #expect(far.filter { !$0 }.count == EmptyLooks.side * EmptyLooks.side / 4)
        #expect(far.prefix(EmptyLooks.side * EmptyLooks.side * 3 / 4).allSatisfy { $0 })
        #expect(visible[1] == nil && visible[2] == nil)
        // Masks only for the spaces asked about.
        #expect(HiddenCells.visible([car], spaces: spaces, only: ["aside", "near"]).allSatisfy { $0 == nil })
        #expect(HiddenCells.visible([car], spaces: spaces, only: ["far"])[0] == far)
    }

    /// Compared over what the car leaves visible, the far space still looks empty; compared
    /// whole, the car's pixels spoil it. Hiding most of the crop leaves too little to compare.
    @Test func theVisiblePartOfAnEmptySpaceStillMatches() throws {
        var looks = EmptyLooks()
        for day in 0..<2 { looks.learn(["far": EmptyLooksTests.asphalt(seed: UInt64(day))], free: ["far"], day: day) }
        var hidden = EmptyLooksTests.asphalt(seed: 7)
        for index in 768..<1024 { hidden[index] = index < 896 ? -120 : 150 }
        let mean = hidden.reduce(0, +) / 1024
        hidden = hidden.map { $0 - mean }
        let visible = (0..<256).map { $0 < 192 }
        let whole = try #require(looks.similarity(of: hidden, space: "far"))
        let masked = try #require(looks.similarity(of: hidden, space: "far", visible: visible))
        #expect(whole < EmptyLooks.looksEmpty && masked >= EmptyLooks.looksEmpty, "whole \(whole), visible part \(masked)")
        #expect(looks.similarity(of: hidden, space: "far", visible: (0..<256).map { $0 < 100 }) == nil)
    }
}
