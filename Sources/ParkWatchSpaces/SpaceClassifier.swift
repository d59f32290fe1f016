import COpenCVShim
import Dispatch
import Foundation
import ParkWatchVision

/// The classifier's verdict on one space plus two cheap view-quality signals of its crop.
package struct SpaceScore: Sendable, Equatable {
    package var spaceID: String
    /// Softmax output index 1 (docs/space-crops.md), 0...1.
    package var occupiedProbability: Double
    /// Mean grey level of the crop, 0...255: very low means the space is too dark to judge.
    package var brightness: Double
    /// Variance of the crop's Laplacian: very low means blur, fog or a covered lens.
    package var sharpness: Double

    package init(spaceID: String, occupiedProbability: Double, brightness: Double, sharpness: Double) {
        self.spaceID = spaceID
        self.occupiedProbability = occupiedProbability
        self.brightness = brightness
        self.sharpness = sharpness
    }
}

/// Runs the space classifier (docs/space-crops.md) on every space of a frame in one batched forward.
package final class SpaceClassifier: Sendable {
    package let modelPath: String
    private let model: ClassifierModel
    /// Serialises every use of `model`, which is not thread-safe, and keeps inference off the cooperative pool.
    private let queue: DispatchQueue

    package init(modelPath: String) throws(SpacesError) {
        // Checked here because OpenCV's message for a missing file is a protobuf parser error.
        guard FileManager.default.fileExists(atPath: modelPath) else { throw .classifierNotFound(path: modelPath) }
        self.modelPath = modelPath
        model = try ClassifierModel(path: modelPath)
        queue = DispatchQueue(label: "parkwatch.spaces.classifier", qos: .userInitiated)
    }

    /// Scores in the order of `spaces`; runs on this classifier's serial queue.
    package func classify(_ image: Image, spaces: [ParkingSpace]) async throws -> [SpaceScore] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { () throws(SpacesError) in try self.model.scores(image, spaces: spaces) })
            }
        }
    }

    /// Same as `classify`, on the caller's thread; still serialised with other calls on this classifier.
    package func classifyBlocking(_ image: Image, spaces: [ParkingSpace]) throws(SpacesError) -> [SpaceScore] {
        let result = queue.sync { Result { () throws(SpacesError) in try model.scores(image, spaces: spaces) } }
        return try result.get()
    }
}

/// Owns a `pw_space_classifier`. `@unchecked Sendable` holds because only `SpaceClassifier`'s
/// serial queue ever calls it.
final class ClassifierModel: @unchecked Sendable {
    private let handle: OpaquePointer
    private let path: String
    let cropSize = SpaceCropper.contractSize

    init(path: String) throws(SpacesError) {
        var loaded: OpaquePointer?
        if let failure = Shim.call({ pw_space_classifier_load(path, &loaded, $0, $1) }) {
            throw .classifierLoadFailed(path: path, reason: failure.message)
        }
        guard let loaded else { throw .classifierLoadFailed(path: path, reason: "OpenCV returned no network") }
        handle = loaded
        self.path = path
    }

    deinit { pw_space_classifier_free(handle) }

    func scores(_ image: Image, spaces: [ParkingSpace]) throws(SpacesError) -> [SpaceScore] {
        guard !spaces.isEmpty else { return [] }
        var quads: [Double] = []
        for space in spaces { quads += try SpaceCropper.quad(for: space).flatMap { [$0.x, $0.y] } }
        let count = spaces.count
        var probabilities = [Float](repeating: 0, count: 2 * count)
        var brightness = [Double](repeating: 0, count: count)
        var sharpness = [Double](repeating: 0, count: count)
        let failure = withExtendedLifetime(image) {
            Shim.call { err, errLen in
                pw_space_classify(handle, image._shimHandle, quads, Int32(count), Int32(cropSize),
                                  &probabilities, &brightness, &sharpness, err, errLen)
            }
        }
        if let failure { throw .classificationFailed(reason: failure.message) }
        try checkProbabilities(probabilities)
        return spaces.indices.map { index in
            SpaceScore(spaceID: spaces[index].id, occupiedProbability: Double(probabilities[2 * index + 1]),
                       brightness: brightness[index], sharpness: sharpness[index])
        }
    }

    /// The contract promises softmax output; logits would silently skew every decision, so they are refused.
    private func checkProbabilities(_ values: [Float]) throws(SpacesError) {
        for row in stride(from: 0, to: values.count, by: 2) {
            let (free, occupied) = (values[row], values[row + 1])
            let valid = free.isFinite && occupied.isFinite && free >= -1e-4 && occupied >= -1e-4 && abs(free + occupied - 1) < 1e-3
            guard valid else {
                throw .classificationFailed(reason:
                    "model \(path) output (\(free), \(occupied)) for space \(row / 2) is not a softmax pair")
            }
        }
    }
}
