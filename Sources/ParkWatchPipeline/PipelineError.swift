/// What can go wrong while reading a frame or recording it.
package enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    case detectionFailed(reason: String)
    /// A model some camera needs is not where the settings say.
    case modelMissing(kind: String, path: String)
    /// Labels that cannot be stored: `file` names the image or label file, `reason` what is wrong.
    case badLabels(file: String, reason: String)
    /// `parkwatch calibrate` for a camera with no labelled photo (or no layout to read them with).
    case nothingToCalibrate(camera: String, reason: String)

    package var description: String {
        switch self {
        case .detectionFailed(let reason): "vehicle detection failed: \(reason)"
        case .modelMissing(let kind, let path): "no \(kind) at \(path)"
        case .badLabels(let file, let reason): "labels of \(file) not stored: \(reason)"
        case .nothingToCalibrate(let camera, let reason): "cannot calibrate camera \(camera): \(reason)"
        }
    }
}
