import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing
@testable import ParkWatchSpaces

enum TrainedModel {
    static let path = TestResources.packageRoot.appendingPathComponent("models/space-classifier/space_classifier.onnx").path
    static var available: Bool { FileManager.default.fileExists(atPath: path) }
}

/// The trained classifier (models/space-classifier) on the labelled PKLot UFPR05 frames.
/// Skipped, not failed, while the model file is absent.
@Suite("Trained space classifier on PKLot", .enabled(if: TrainedModel.available, "models/space-classifier/space_classifier.onnx is absent"))
struct RealModelTests {

    /// (correct, total, wrong ids) over every space of every frame, each labelled by its XML.
    private func evaluate(_ frames: [URL]) async throws -> (correct: Int, total: Int, wrong: [String]) {
        let classifier = try SpaceClassifier(modelPath: TrainedModel.path)
        var correct = 0, total = 0
        var wrong: [String] = []
        for frame in frames {
            let (layout, occupied) = try LayoutImport.fromPKLot(frame.deletingPathExtension().appendingPathExtension("xml"))
            let image = try await Image.decode(try Data(contentsOf: frame))
            for score in try await classifier.classify(image, spaces: layout.spaces) {
                let truth = try #require(occupied[score.spaceID] as Bool?)
                total += 1
                if (score.occupiedProbability >= 0.5) == truth { correct += 1 } else {
                    wrong.append("\(frame.lastPathComponent):\(score.spaceID)(\(truth ? "taken" : "free"), p=\(String(format: "%.2f", score.occupiedProbability)))")
                }
            }
        }
        return (correct, total, wrong)
    }

    /// OpenCV 4.6 mis-scales an instance norm's output once a batch holds more than one crop (the
    /// reason for the model's separate 1x1 Conv): a space must score the same alone as among 40.
    @Test func aSpaceScoresTheSameAloneAsInAFullBatch() async throws {
        let frame = try #require(TestResources.pklotDay1.last)
        let (layout, _) = try LayoutImport.fromPKLot(frame.deletingPathExtension().appendingPathExtension("xml"))
        let image = try await Image.decode(try Data(contentsOf: frame))
        let classifier = try SpaceClassifier(modelPath: TrainedModel.path)
        let batch = try await classifier.classify(image, spaces: layout.spaces)
        #expect(batch.count == 40)
        for space in layout.spaces.prefix(12) {
            let alone = try #require(try await classifier.classify(image, spaces: [space]).first)
            let inBatch = try #require(batch.first { $0.spaceID == space.id })
            #expect(abs(alone.occupiedProbability - inBatch.occupiedProbability) < 1e-5, "space \(space.id)")
        }
    }

    @Test func day1FramesAgreeWithTheirLabels() async throws {
        let result = try await evaluate(TestResources.pklotDay1)
        let accuracy = Double(result.correct) / Double(result.total)
        print("space classifier, PKLot day1: \(result.correct)/\(result.total) = \(accuracy); wrong: \(result.wrong)")
        #expect(result.total == 200)
        // Measured 200/200 (the model before the instance norm: 195, space 25 under a tree read as taken). The floor
        // leaves room for a retrained model while still failing on a broken crop or channel order,
        // which drops to about the share of free spaces (~70 %).
        #expect(accuracy >= 0.9)
    }

    @Test func day0FramesAreAllFree() async throws {
        let result = try await evaluate(TestResources.pklotDay0)
        let accuracy = Double(result.correct) / Double(result.total)
        print("space classifier, PKLot day0 (empty lot): \(result.correct)/\(result.total) = \(accuracy); wrong: \(result.wrong)")
        #expect(result.total == 200)
        // Measured 195/200 on this hard-shadow day (spaces 7, 38, 40, 10; 191 before the instance norm);
        // a model answering "taken" for shadows fails here.
        #expect(accuracy >= 0.9)
    }
}
