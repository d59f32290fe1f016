/// Everything that can go wrong in the vision module. `description` is one line for a log or an operator.
package enum VisionError: Error, Equatable, Sendable, CustomStringConvertible {
    case modelNotFound(path: String)
    case modelLoadFailed(path: String, reason: String)
    case imageReadFailed(path: String, reason: String)
    case imageDecodeFailed(reason: String)
    case imageResizeFailed(reason: String)
    case inferenceFailed(reason: String)
    case invalidSettings(reason: String)
    /// A video file or stream URL could not be opened (missing file, refused connection, no decoder).
    case videoOpenFailed(source: String, reason: String)
    /// No next frame: the end of a file, or a live stream that closed or timed out inside FFmpeg.
    case videoEnded(source: String)
    /// A frame arrived but could not be decoded into an image.
    case videoFrameUndecodable(source: String, reason: String)
    case videoSeekFailed(source: String, reason: String)
    case videoWriteFailed(path: String, reason: String)
    /// Two views could not be compared (OpenCV failed, not "no match", which is a result).
    case registrationFailed(reason: String)
    /// A dim frame's grey levels could not be measured or lifted.
    case lightingFailed(reason: String)

    package var description: String {
        switch self {
        case .modelNotFound(let path): "detector model not found at \(path)"
        case .modelLoadFailed(let path, let reason): "detector model at \(path) could not be loaded: \(reason)"
        case .imageReadFailed(let path, let reason): "image file \(path) could not be read: \(reason)"
        case .imageDecodeFailed(let reason): "image could not be decoded: \(reason)"
        case .imageResizeFailed(let reason): "image could not be resized: \(reason)"
        case .inferenceFailed(let reason): "vehicle detection failed: \(reason)"
        case .invalidSettings(let reason): "invalid detector settings: \(reason)"
        case .videoOpenFailed(let source, let reason): "video \(source) could not be opened: \(reason)"
        case .videoEnded(let source): "video \(source) has no next frame (ended, closed or timed out)"
        case .videoFrameUndecodable(let source, let reason): "a frame of \(source) could not be decoded: \(reason)"
        case .videoSeekFailed(let source, let reason): "video \(source) could not seek: \(reason)"
        case .videoWriteFailed(let path, let reason): "video \(path) could not be written: \(reason)"
        case .registrationFailed(let reason): "the frame could not be registered against the layout's reference: \(reason)"
        case .lightingFailed(let reason): "the frame's light could not be measured or lifted: \(reason)"
        }
    }
}
