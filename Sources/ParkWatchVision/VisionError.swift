/// Everything that can go wrong in the vision module. `description` is one line for a log or an operator.
public enum VisionError: Error, Equatable, Sendable, CustomStringConvertible {
    case modelNotFound(path: String)
    case modelLoadFailed(path: String, reason: String)
    case imageReadFailed(path: String, reason: String)
    case imageDecodeFailed(reason: String)
    case inferenceFailed(reason: String)
    case invalidSettings(reason: String)

    public var description: String {
        switch self {
        case .modelNotFound(let path): "detector model not found at \(path)"
        case .modelLoadFailed(let path, let reason): "detector model at \(path) could not be loaded: \(reason)"
        case .imageReadFailed(let path, let reason): "image file \(path) could not be read: \(reason)"
        case .imageDecodeFailed(let reason): "image could not be decoded: \(reason)"
        case .inferenceFailed(let reason): "vehicle detection failed: \(reason)"
        case .invalidSettings(let reason): "invalid detector settings: \(reason)"
        }
    }
}
