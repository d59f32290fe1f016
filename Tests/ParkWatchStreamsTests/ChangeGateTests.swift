@testable import ParkWatchPipeline
import ParkWatchStreams
import ParkWatchTestSupport
import Testing

@Suite("Change gating")
struct ChangeGateTests {
    /// A crop with a pattern (a car-like block on asphalt) as zero-mean grey.
    private func crop(_ seed: Int, size: Int = 32, brightness: Float = 0, block: Bool = false, noise: Float = 0) -> [Float] {
        var generator = SeededGenerator(state: UInt64(seed))
        var bgr: [UInt8] = []
        for y in 0..<size {
            for x in 0..<size {
                var value: Float = Float((x * 7 + y * 3 + seed * 11) % 40) + 80 + brightness
                if block, (8..<24).contains(x), (8..<24).contains(y) { value = 220 }
                value += noise * (Float(generator.next() % 1000) / 500 - 1)
                let byte = UInt8(max(0, min(255, value)))
                bgr += [byte, byte, byte]
            }
        }
        return GreyCrop.zeroMean(bgr: bgr)
    }

    private func lot(brightness: Float = 0, blockIn: Set<Int> = [], noise: Float = 0, seed: Int = 0) -> [String: [Float]] {
        Dictionary(uniqueKeysWithValues: (0..<10).map { ("\($0)", crop($0, brightness: brightness, block: blockIn.contains($0), noise: noise)) })
    }

    private func primed(_ settings: ChangeGate.Settings = .default, on crops: [String: [Float]]? = nil) -> ChangeGate {
        var gate = ChangeGate(settings: settings)
        let crops = crops ?? lot()
        gate.classified(gate.select(crops, at: 0), crops: crops, at: 0)
        return gate
    }

    @Test func theFirstFrameClassifiesEverySpace() {
        let selection = ChangeGate().select(lot(), at: 0)
        #expect(selection.full && selection.spaces.count == 10)
    }

    @Test func anUnchangedLotClassifiesNothing() {
        #expect(primed().select(lot(), at: 1).spaces.isEmpty)
    }

    @Test func noiseAndSlowLightChangesAreIgnored() {
        let gate = primed()
        #expect(gate.select(lot(noise: 4), at: 1).spaces.isEmpty)
        #expect(gate.select(lot(brightness: 25), at: 2).spaces.isEmpty)
        #expect(gate.select(lot(brightness: -30, noise: 3), at: 3).spaces.isEmpty)
    }

    @Test func aCarArrivingReclassifiesOnlyItsSpace() {
        let selection = primed().select(lot(brightness: 10, blockIn: [3], noise: 3), at: 1)
        #expect(selection.spaces == ["3"])
        #expect(!selection.full)
    }

    @Test func theReferenceIsTheCropLastClassified() {
        var gate = primed()
        let arrived = lot(blockIn: [3])
        let selection = gate.select(arrived, at: 1)
        gate.classified(selection, crops: arrived, at: 1)
        #expect(gate.select(arrived, at: 2).spaces.isEmpty)
        #expect(gate.select(lot(), at: 3).spaces == ["3"])
    }

    @Test func aLargeChangeCountsThoughMuchOfTheLotChanged() {
        // Zero-mean crops whose mean absolute difference from a flat reference is exactly `by`.
        let flat = Dictionary(uniqueKeysWithValues: (0..<10).map { ("\($0)", [Float](repeating: 0, count: 64)) })
        let changed = { (by: Float) in (0..<64).map { $0 % 2 == 0 ? by : -by } }
        var busy = flat
        for id in 0..<6 { busy["\(id)"] = changed(5) }
        busy["6"] = changed(14)
        // Median 5: the noise bar is 16, over space 6's 14; the sure change (10) is under it.
        #expect(primed(on: flat).select(busy, at: 1).spaces == ["6"])
        #expect(primed(.init(sureChange: .infinity), on: flat).select(busy, at: 1).spaces.isEmpty)
    }

    @Test func everySpaceIsReclassifiedWhenAFullPassIsDue() {
        let gate = primed(.init(fullEvery: 60))
        #expect(!gate.select(lot(), at: 59).full)
        let due = gate.select(lot(), at: 60)
        #expect(due.full && due.spaces.count == 10)
    }

    @Test func aWholeViewChangeReclassifiesEverything() {
        let moved = Dictionary(uniqueKeysWithValues: (0..<10).map { ("\($0)", crop($0 + 5)) })
        let selection = primed().select(moved, at: 1)
        #expect(selection.full && selection.spaces.count == 10)
    }

    @Test func gatingOffClassifiesEverySpaceEveryTime() {
        #expect(primed(.off).select(lot(), at: 0.04).spaces.count == 10)
    }
}
