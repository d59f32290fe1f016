import Foundation

/// Everything that can go wrong with a video file or a stream. `description` is one line for a log,
/// the camera's `last_error`, or an operator.
package enum StreamError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or URL could not be opened (missing file, refused connection, no decoder).
    case openFailed(source: String, reason: String)
    /// No frame (or no answer to open) for `seconds`: the watchdog gave up on the call.
    case stalled(source: String, seconds: Double)
    /// A live stream closed, or FFmpeg's own read timeout fired.
    case streamClosed(source: String)
    /// Frames that could not be decoded, one after another.
    case garbage(source: String, reason: String)
    /// An HTTP snapshot URL answered with an error or no body.
    case snapshotFailed(url: String, reason: String)
    case writeFailed(path: String, reason: String)

    package var description: String {
        switch self {
        case .openFailed(let source, let reason): "\(source) could not be opened: \(reason)"
        case .stalled(let source, let seconds): "\(source) stalled: nothing for \(Self.format(seconds)) s"
        case .streamClosed(let source): "\(source) closed or timed out"
        case .garbage(let source, let reason): "\(source) sends frames that cannot be decoded: \(reason)"
        case .snapshotFailed(let url, let reason): "snapshot \(url) failed: \(reason)"
        case .writeFailed(let path, let reason): "\(path) could not be written: \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }
}
