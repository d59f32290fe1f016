import Foundation
@testable import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A camera's calibration lives in the database: a running reader uses a new one from the
/// camera's next frame, a restarted one finds it, and removing it brings the prior back.
@Suite struct StoredCalibrationTests {
    func parts(_ path: String) throws -> PipelineParts {
        PipelineParts(
            settings: WatchSettings(model: TestResources.model), store: try ParkWatchDatabase(path: path),
            detector: try FrameReaderPathsTests.detector.get(), spaces: try FrameReaderPathsTests.reader.get(), layouts: [:])
    }

    @Test func aStoredCalibrationIsUsedFromTheNextFrameAndSurvivesARestart() async throws {
        let folder = try TemporaryFolder("calibration")
        let path = folder.path("parkwatch.sqlite").path
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let running = try parts(path).frameReader(.photos)
        let prior = try await running.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(prior.decisions.contains { $0.state == .occupied })

        // Weights that see nothing but free ground: every space turns free on the next frame.
        let blind = FusionWeights(bias: -8, classifier: 0, anchored: 0, unboxed: 0, unboxedSmall: 0)
        try await running.stored?.setCameraFusion(CameraFusionRecord(camera: "cam", weights: try blind.json(), labels: 1, fittedAt: Date()))
        let calibrated = try await running.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(calibrated.decisions.allSatisfy { $0.state == .free })

        let restarted = try parts(path).frameReader(.photos)
        #expect(try await restarted.calibration(for: "cam", history: nil, settings: .default).weights == blind)
        #expect(try await restarted.calibration(for: "other", history: nil, settings: .default).weights == nil)

        #expect(try await ParkWatchDatabase(path: path).deleteCameraFusion(camera: "cam"))
        let again = try await restarted.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(again.decisions.map(\.state) == prior.decisions.map(\.state))
    }

    /// Looks labelled free are stored beside the weights and read by a restarted reader: with
    /// weights that call every space occupied unless a box stands in it or its crop looks as
    /// labelled, the spaces labelled free in this very frame read free.
    @Test func storedLabelledLooksFreeTheSpacesThatMatchThem() async throws {
        let folder = try TemporaryFolder("labelled-looks")
        let path = folder.path("parkwatch.sqlite").path
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let first = try await parts(path).frameReader(.singleFrames).read(frame.image, camera: "cam", layout: frame.layout)
        let free = Set(frame.truth.filter { !$0.value }.keys)
        var looks = EmptyLooks()
        looks.learnLabelled(try #require(first.spaceCrops), free: free)
        let leaning = FusionWeights(bias: 1, classifier: 0, anchored: 3, unboxed: 0, unboxedSmall: 0, emptyLook: -3)
        let store = try ParkWatchDatabase(path: path)
        let json = String(decoding: try JSONEncoder().encode(looks), as: UTF8.self)
        try await store.setCameraFusion(CameraFusionRecord(camera: "cam", weights: try leaning.json(), emptyLooks: json, labels: 40, fittedAt: Date()))

        let restarted = try parts(path).frameReader(.singleFrames)
        let read = try await restarted.read(frame.image, camera: "cam", layout: frame.layout)
        let readFree = Set(read.decisions.filter { $0.state == .free }.map(\.spaceID))
        #expect(readFree.isSubset(of: free) && readFree.count == read.looksEmpty)
        #expect(read.looksEmpty >= free.count * 3 / 4, "\(read.looksEmpty) of \(free.count) free spaces matched")

        // Refitted without looks: the same reader notices from its next frame on.
        try await store.setCameraFusion(CameraFusionRecord(camera: "cam", weights: try leaning.json(), labels: 40, fittedAt: Date()))
        let without = try await restarted.read(frame.image, camera: "cam", layout: frame.layout)
        #expect(without.looksEmpty == 0 && without.decisions.allSatisfy { $0.state == .occupied })
    }

    /// One frame of a camera whose classifier calls every free space occupied (p = 0.85) while the
    /// detector, boxing the parked cars, sees nothing there.
    static let doubtfulFrame: [SpaceDecision] = (0..<12).map { index in
        let occupied = index < 4
        let evidence = SpaceEvidence(
            classifier: SpaceEvidence.classifier(occupied ? 0.99 : 0.85, settings: .default), anchored: occupied, unboxed: !occupied)
        return SpaceDecision(spaceID: "s\(index)", state: .unknown, confidence: 0, occupiedProbability: 0,
                             classifierProbability: 0, coverage: 0, evidence: evidence)
    }

    @Test func whatUnlabelledFramesTaughtIsStoredResumedAndReset() async throws {
        let folder = try TemporaryFolder("history")
        let store = try ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path)
        var history = try await CameraHistory.resume(nil, camera: "cam", stored: store)
        // Every free space's crop: a painted line on asphalt, the same each day.
        let asphalt = (0..<1024).map { Float($0 % 32 < 3 ? 60 : 0) + Float($0 % 7) }
        let crops = Dictionary(uniqueKeysWithValues: Self.doubtfulFrame.map { ($0.spaceID, asphalt) })
        for frame in 0..<CameraHistory.saveEvery {
            history.adaptation.learnLooks(crops, decisions: Self.doubtfulFrame, day: frame % 2)
            try await history.learn(from: Self.doubtfulFrame, settings: .default, camera: "cam", stored: store)
        }
        let learnt = try #require(history.adaptation.weights(prior: .prior(settings: .default), settings: .default))
        #expect(learnt.bias < 0)
        #expect(history.adaptation.looks.matching(crops, among: Set(crops.keys)).count == 8, "the 8 free spaces look empty")

        // A restart finds it; a reset (the stored copy removed) starts the running reader afresh.
        let restarted = try await CameraHistory.resume(nil, camera: "cam", stored: try ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path))
        #expect(restarted.adaptation == history.adaptation && restarted.savedFrames == CameraHistory.saveEvery)
        #expect(restarted.adaptation.looks.matching(crops, among: Set(crops.keys)).count == 8)
        #expect(try await store.deleteCameraHistory(camera: "cam"))
        let afterReset = try await CameraHistory.resume(history, camera: "cam", stored: store)
        #expect(afterReset.adaptation.frames == 0)
        #expect(try await CameraHistory.resume(nil, camera: "other", stored: store).adaptation.frames == 0)
    }
}
