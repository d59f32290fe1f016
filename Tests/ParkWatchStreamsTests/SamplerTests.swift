import ParkWatchStreams
import Testing

@Suite("Sampling by time")
struct SamplerTests {
    /// Timestamps of a 30 fps video, as a container reports them.
    private func frames(seconds: Double, fps: Double) -> [Double] {
        (0..<Int(seconds * fps)).map { Double($0) / fps }
    }

    @Test func samplesOnceAnIntervalWhateverTheFrameRate() {
        for fps in [5.0, 12.5, 30.0] {
            var sampler = StreamSampler(every: 1)
            let taken = frames(seconds: 10, fps: fps).filter { sampler.isDue(at: $0) }
            #expect(taken.count == 10, "\(fps) fps")
            #expect(taken.first == 0)
        }
    }

    @Test func takesTheFirstFrameAtOrAfterEachDueTime() {
        var sampler = StreamSampler(every: 2)
        let taken = [0, 0.9, 1.95, 2.3, 3.9, 4.0, 4.1, 6.05].filter { sampler.isDue(at: $0) }
        #expect(taken == [0, 2.3, 4.0, 6.05])
    }

    /// The times `sampler` takes among `times`, fed in order.
    private func taken(every interval: Double, _ times: [Double]) -> [Double] {
        var sampler = StreamSampler(every: interval)
        return times.filter { sampler.isDue(at: $0) }
    }

    @Test func zeroAnalysesEveryFrame() {
        let all = frames(seconds: 1, fps: 30)
        #expect(taken(every: 0, all) == all)
    }

    @Test func aGapRestartsTheGridFromTheFrameThatEndsIt() {
        #expect(taken(every: 10, [0, 95, 100, 105]) == [0, 95, 105])
    }

    @Test func aTimelineThatGoesBackStartsOver() {
        #expect(taken(every: 10, [500, 3, 4]) == [500, 3])
    }

    @Test func aPolledSourceWaitsUntilTheNextDueTime() {
        var sampler = StreamSampler(every: 5)
        let before = sampler.wait(at: 100)
        let first = sampler.isDue(at: 100)
        let (soon, late) = (sampler.wait(at: 102), sampler.wait(at: 107))
        #expect(before == 0 && first)
        #expect(soon == 3 && late == 0)
    }

    @Test func backoffDoublesUpToItsMaximumAndResets() {
        var backoff = Backoff(.init(initial: .milliseconds(500), maximum: .seconds(3)))
        #expect((0..<5).map { _ in backoff.next() } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(500))
    }
}
