/// What can go wrong while reading a frame or recording it.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    case detectionFailed(reason: String)
    /// A model some camera needs is not where the settings say.
    case modelMissing(kind: String, path: String)

    public var description: String {
        switch self {
        case .detectionFailed(let reason): "vehicle detection failed: \(reason)"
        case .modelMissing(let kind, let path): "no \(kind) at \(path)"
        }
    }
}
