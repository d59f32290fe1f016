@testable import ParkWatchEvaluation
import Foundation
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// `parkwatch eval spaces` on the shared PKLot frames, with the real detector and classifier.
@Suite struct EvaluatorTests {
    let folder = TestResources.dataset("pklot-ufpr05-dev")

    private func evaluator(_ settings: SpaceDecisionSettings = .default) throws -> Evaluator {
        Evaluator(
            detector: try VehicleDetector(modelPath: TestResources.model),
            reader: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier), settings: settings))
    }

    /// Settings without the prior that a view with depth gives the detector, so that only what
    /// the frames themselves show about the detector counts.
    static var withoutDepthPrior: SpaceDecisionSettings {
        var settings = SpaceDecisionSettings.default
        settings.depthViewRecall = RecallMemory()
        return settings
    }

    private static func wrongOnDay0(_ result: SpacesEvaluation) -> Int {
        result.perImage.filter { $0.file.contains("/day0/") }.map(\.wrong.count).reduce(0, +)
    }

    @Test func evalSpacesJSONCarriesTheContractKeys() async throws {
        let result = try await evaluator().spaces(in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        let keys = ["images", "spaces", "accuracy", "precision", "recall", "f1", "balanced_accuracy", "unknown", "seconds", "per_image"]
        #expect(Set(json.keys) == Set(keys))
        #expect(json["images"] as? Int == 10 && json["spaces"] as? Int == 400)
        #expect((json["per_image"] as? [[String: Any]])?.count == 10)
    }

    /// The progress hears every labelled image once, in order; the XML files are not counted.
    @Test func progressCountsTheLabelledImages() async throws {
        var heard: [[Int]] = []
        _ = try await evaluator().spaces(in: folder) { done, total in heard.append([done, total]) }
        #expect(heard == (1...10).map { [$0, 10] })
    }

    /// The five day0 frames are an empty Sunday lot: alone, nothing in them shows whether the
    /// detector sees this camera's cars, so stains the classifier takes for cars stand. After the
    /// busy day1 frames of the same camera, the missing boxes count against them. (Without the
    /// depth prior, which does part of the same from the layout alone; see the next test.)
    @Test func asOneCamerasPhotosAnEmptyLotBorrowsTheRecallOfTheBusyOnes() async throws {
        let evaluator = try evaluator(Self.withoutDepthPrior)
        let alone = try await evaluator.spaces(in: folder)
        let sequence = try await evaluator.spaces(in: folder, asSequence: true)
        #expect(sequence.perImage.prefix(5).allSatisfy { $0.file.contains("/day1/") })
        #expect(Self.wrongOnDay0(sequence) < Self.wrongOnDay0(alone))
        #expect(try #require(sequence.figures.accuracy) > #require(alone.figures.accuracy))
        #expect(sequence.figures.recall == 1)
    }

    /// UFPR05's far spaces are a third the size of its near ones: a view where the detector boxes
    /// cars, so even an empty frame on its own trusts a missing box somewhat. Measured: 6 wrong on
    /// day0 without the prior, 1 with it, and no occupied space lost on day1.
    @Test func anEmptyLotAloneTrustsAMissingBoxInAViewWithDepth() async throws {
        let withPrior = try await evaluator().spaces(in: folder)
        let withoutPrior = try await evaluator(Self.withoutDepthPrior).spaces(in: folder)
        print("day0 wrong alone: \(Self.wrongOnDay0(withPrior)) with the depth prior, \(Self.wrongOnDay0(withoutPrior)) without")
        #expect(Self.wrongOnDay0(withPrior) < Self.wrongOnDay0(withoutPrior))
        #expect(withPrior.figures.recall == 1 && withoutPrior.figures.recall == 1)
    }
}
