/// What stops an evaluation (a file that cannot be read is skipped and named instead).
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case spacesFailed(reason: String)

    public var description: String {
        switch self {
        case .spacesFailed(let reason): "space reading failed: \(reason)"
        }
    }
}
