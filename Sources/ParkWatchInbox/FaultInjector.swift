/// Points between the steps of filing a photo where a test can make the process "crash", to prove
/// that a restart neither loses the photo nor counts it twice.
public enum FilingStep: String, Sendable, CaseIterable {
    case afterRead, afterInsert, afterPlace
}

public struct InjectedCrash: Error, Equatable {
    public let step: FilingStep
}

/// In production this never throws.
public struct FaultInjector: Sendable {
    let crashAt: FilingStep?

    public static let none = FaultInjector(crashAt: nil)

    public static func crash(at step: FilingStep) -> FaultInjector { FaultInjector(crashAt: step) }

    func check(_ step: FilingStep) throws(InjectedCrash) {
        if step == crashAt { throw InjectedCrash(step: step) }
    }
}
