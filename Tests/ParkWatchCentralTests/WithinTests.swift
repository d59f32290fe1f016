@testable import ParkWatchCentral
import Synchronization
import Testing

/// The time limit on every exchange with the central database.
@Suite struct WithinTests {
    /// A body that does not look at cancellation (a query stuck inside the client) must not hold
    /// its caller past the limit.
    @Test func theLimitHoldsEvenForABodyThatIgnoresCancellation() async throws {
        let release = Mutex(false)
        await #expect(throws: CentralError.self) {
            try await within(.milliseconds(200)) {
                while !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(20)) }
                return 1
            }
        }
        release.withLock { $0 = true }
    }

    @Test func aBodyWithinTheLimitGivesItsResultOrItsError() async throws {
        #expect(try await within(.seconds(60)) { 7 } == 7)
        await #expect(throws: CentralError.self) {
            try await within(.seconds(60)) { () async throws -> Int in throw CentralError.timedOut(after: .zero) }
        }
    }
}
