/// What stops an evaluation (a file that cannot be read is skipped and named instead).
package enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case spacesFailed(reason: String)
    /// `--adapt-first` would use every labelled image, leaving none to judge.
    case nothingLeftToJudge(adaptFirst: Int, images: Int)

    package var description: String {
        switch self {
        case .spacesFailed(let reason): "space reading failed: \(reason)"
        case .nothingLeftToJudge(let adaptFirst, let images):
            "--adapt-first \(adaptFirst) leaves nothing to judge: the folder has \(images) labelled image(s)"
        }
    }
}
