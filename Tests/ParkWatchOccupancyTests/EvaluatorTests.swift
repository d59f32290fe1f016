import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// `parkwatch eval spaces` on the shared PKLot frames, with the real detector and classifier.
@Suite struct EvaluatorTests {
    let folder = TestResources.dataset("pklot-ufpr05-dev")

    private func evaluator() throws -> Evaluator {
        Evaluator(
            detector: try VehicleDetector(modelPath: TestResources.model),
            reader: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)))
    }

    @Test func evalSpacesJSONCarriesTheContractKeys() async throws {
        let result = try await evaluator().spaces(in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        let keys = ["images", "spaces", "accuracy", "precision", "recall", "f1", "balanced_accuracy", "unknown", "seconds", "per_image"]
        #expect(Set(json.keys) == Set(keys))
        #expect(json["images"] as? Int == 10 && json["spaces"] as? Int == 400)
        #expect((json["per_image"] as? [[String: Any]])?.count == 10)
    }

    /// The five day0 frames are an empty Sunday lot: alone, nothing in them shows whether the
    /// detector sees this camera's cars, so stains the classifier takes for cars stand. After the
    /// busy day1 frames of the same camera, the missing boxes count against them.
    @Test func asOneCamerasPhotosAnEmptyLotBorrowsTheRecallOfTheBusyOnes() async throws {
        let evaluator = try evaluator()
        let alone = try await evaluator.spaces(in: folder)
        let sequence = try await evaluator.spaces(in: folder, asSequence: true)
        #expect(sequence.perImage.prefix(5).allSatisfy { $0.file.contains("/day1/") })
        let wrongOnDay0 = { (result: SpacesEvaluation) in
            result.perImage.filter { $0.file.contains("/day0/") }.map(\.wrong.count).reduce(0, +)
        }
        #expect(wrongOnDay0(sequence) < wrongOnDay0(alone))
        #expect(try #require(sequence.figures.accuracy) > #require(alone.figures.accuracy))
        #expect(sequence.figures.recall == 1)
    }
}
