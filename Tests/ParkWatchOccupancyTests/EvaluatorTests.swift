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
        let baseline = try VehicleDetector(modelPath: TestResources.model, settings: BoxCentreRule.detectorSettings)
        return Evaluator(
            detector: try VehicleDetector(modelPath: TestResources.model),
            reader: SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier), settings: settings),
            baseline: BoxCentreRule(detector: baseline))
    }

    private func json(_ result: SpacesEvaluation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    }

    @Test func evalSpacesJSONCarriesTheContractKeysAndTheBaseline() async throws {
        let json = try json(try await evaluator().spaces(in: folder))
        let keys = ["images", "spaces", "accuracy", "precision", "recall", "f1", "balanced_accuracy", "unknown", "false_alarms",
                    "misses", "seconds", "per_image", "baseline"]
        #expect(Set(json.keys) == Set(keys))
        #expect(json["images"] as? Int == 10 && json["spaces"] as? Int == 400)
        let perImage = try #require(json["per_image"] as? [[String: Any]])
        #expect(perImage.count == 10 && perImage.allSatisfy { $0["lifted_by"] == nil })
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(Set(baseline.keys) == ["spaces", "accuracy", "precision", "recall", "f1", "balanced_accuracy", "unknown", "false_alarms", "misses"])
        #expect(baseline["spaces"] as? Int == 400 && baseline["unknown"] as? Int == 0)
    }

    /// A dev frame darkened as dusk darkens it is lifted before it is read: its `per_image` entry
    /// says with which gamma, and every space is judged.
    @Test func aDimImageIsLiftedAndSaysSo() async throws {
        let dim = try TemporaryFolder("eval-dim")
        let frame = try #require(TestResources.pklotDay1.last)
        let xml = frame.deletingPathExtension().appendingPathExtension("xml")
        try FileManager.default.copyItem(at: xml, to: dim.path(xml.lastPathComponent))
        let darkened = try Image(contentsOfFile: frame.path).withGamma(3)
        try OverlayRenderer.render(darkened, spaces: [], banner: "", to: dim.path(frame.lastPathComponent))
        let json = try json(try await evaluator().spaces(in: dim.url))
        let image = try #require((json["per_image"] as? [[String: Any]])?.first)
        #expect(try #require(image["lifted_by"] as? Double) < 1)
        #expect(json["unknown"] as? Int == 0 && (json["accuracy"] as? Double ?? 0) >= 0.975, "\(json)")
    }

    /// The progress hears every labelled image once, in order; the XML files are not counted.
    @Test func progressCountsTheLabelledImages() async throws {
        var heard: [[Int]] = []
        _ = try await evaluator().spaces(in: folder) { done, total in heard.append([done, total]) }
        #expect(heard == (1...10).map { [$0, 10] })
    }

    /// The day0 frames are an empty lot where the classifier alone sees five cars (model card);
    /// no box stands in those spaces, so the pipeline reads them free, image by image and as a
    /// sequence alike, and is at least as good as the box-centre rule.
    @Test func theDevFramesAreReadAtLeastAsWellAsTheBoxCentreRule() async throws {
        let evaluator = try evaluator()
        let (single, sequence) = (try await evaluator.spaces(in: folder), try await evaluator.spaces(in: folder, asSequence: true))
        for result in [single, sequence] {
            let accuracy = try #require(result.figures.accuracy)
            #expect(accuracy >= 0.995 && accuracy >= (result.baseline?.figures.accuracy ?? 1))
            #expect(result.tally.falsePositives == 0 && result.figures.recall == 1)
        }
        // Image by image there is no history to learn from.
        #expect(single.fusion == nil)
    }

    /// `--adapt-first 5`: the first five images in file-name order (the busy 2013-02-22 morning)
    /// calibrate the camera and are not judged; the figures and the baseline are over the rest.
    @Test func adaptFirstCalibratesOnTheFirstImagesAndJudgesTheRest() async throws {
        let result = try await evaluator().spaces(in: folder, adaptFirst: 5)
        let json = try json(result)
        let adaptedOn = try #require(json["adapted_on"] as? [String])
        #expect(adaptedOn.count == 5 && adaptedOn.allSatisfy { $0.contains("/day1/") })
        #expect(result.images == 5 && result.perImage.allSatisfy { $0.file.contains("/day0/") })
        #expect(result.baseline?.spaces == 200 && json["fusion"] != nil)
        #expect(result.fusion != FusionWeights.prior(settings: .default))
        #expect(try #require(result.figures.accuracy) >= 0.99)
        // The morning's free spaces give their looks, which the empty day's free spaces match in
        // part; its cars stood in the detector's boxes.
        let lookedEmpty = try #require(json["looked_empty"] as? Int)
        #expect(lookedEmpty > 0 && lookedEmpty <= result.spaces, "\(lookedEmpty) of \(result.spaces)")
        #expect(json["side_view"] as? Bool == true)
    }

    /// `--history`: the camera's unlabelled frames of two other days are read first and teach
    /// its spaces' empty looks, which the judged empty day then matches; a history frame of the
    /// judged day itself is left out.
    @Test func historyFramesOfOtherDaysTeachTheEmptyLooks() async throws {
        let history = try TemporaryFolder("history")
        let names = ["2013-03-03_10_05_04", "2013-03-03_10_10_04", "2013-03-10_10_05_04", "2013-03-10_10_10_04", "2013-02-24_10_00_04"]
        for name in names {
            let frame = TestResources.dataset("ufpr05-stream/frames/\(name).jpg")
            try FileManager.default.copyItem(at: frame, to: history.path("\(name).jpg"))
        }
        let result = try await evaluator().spaces(in: folder.appendingPathComponent("day0"), asSequence: true, history: history.url)
        let taught = try #require(result.history)
        #expect(taught.frames == 4)
        #expect(taught.lookedEmpty > 0 && taught.lookedEmpty <= result.spaces, "\(taught.lookedEmpty) of \(result.spaces)")
        #expect(try #require(result.figures.accuracy) >= 0.995)
        #expect((try json(result)["history"] as? [String: Int])?["looked_empty"] == taught.lookedEmpty)
    }

    @Test func adaptingOnEveryImageLeavesNothingToJudgeAndSaysSo() async throws {
        await #expect(throws: EvaluationError.nothingLeftToJudge(adaptFirst: 10, images: 10)) {
            try await evaluator().spaces(in: folder, adaptFirst: 10)
        }
    }
}
