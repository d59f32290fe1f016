/// What stops an evaluation (a file that cannot be read is skipped and named instead).
package enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case spacesFailed(reason: String)
    /// `--adapt-first` would use every labelled image, leaving none to judge.
    case nothingLeftToJudge(adaptFirst: Int, images: Int)
    /// The layout names a reference photo that cannot be read or decoded.
    case referenceUnreadable(path: String, reason: String)
    case registrationFailed(reason: String)

    package var description: String {
        switch self {
        case .spacesFailed(let reason): "space reading failed: \(reason)"
        case .nothingLeftToJudge(let adaptFirst, let images):
            "--adapt-first \(adaptFirst) leaves nothing to judge: the folder has \(images) labelled image(s)"
        case .referenceUnreadable(let path, let reason): "the layout's reference photo \(path) cannot be read: \(reason)"
        case .registrationFailed(let reason): "registration failed: \(reason)"
        }
    }
}
