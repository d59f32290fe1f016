/// Points between the steps of filing a photo where a test can make the process "crash", to prove
/// that a restart neither loses the photo nor counts it twice.
package enum FilingStep: String, Sendable, CaseIterable {
    case afterRead, afterInsert, afterPlace
}

package struct InjectedCrash: Error, Equatable {
    package let step: FilingStep
}

/// In production this never throws.
package struct FaultInjector: Sendable {
    let crashAt: FilingStep?

    package static let none = FaultInjector(crashAt: nil)

    package static func crash(at step: FilingStep) -> FaultInjector { FaultInjector(crashAt: step) }

    func check(_ step: FilingStep) throws(InjectedCrash) {
        if step == crashAt { throw InjectedCrash(step: step) }
    }
}
