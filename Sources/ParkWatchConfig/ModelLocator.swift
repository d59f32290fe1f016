import Foundation

/// Where a model's weights are: the explicit path (a flag, else the configuration file's), else
/// an environment variable, else the default path relative to the working directory. The one
/// rule for the detector and the classifier alike.
package struct ModelLocator: Sendable {
    package let environmentKey: String
    package let defaultPath: String

    package static let detector = ModelLocator(environmentKey: "PARKWATCH_MODEL", defaultPath: "models/yolox_nano.onnx")
    package static let classifier = ModelLocator(
        environmentKey: "PARKWATCH_CLASSIFIER", defaultPath: "models/space-classifier/space_classifier.onnx")

    package func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }
}
