import Foundation
import ParkWatchEvaluation
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Photos, streams, `analyze` and `eval` read a frame through one `FrameReader`; only the options
/// differ. On the labelled dev frames, with the real detector and classifier, they must agree.
@Suite(.serialized) struct FrameReaderPathsTests {
    static let detector = Result { try VehicleDetector(modelPath: TestResources.model) }
    static let reader = Result { SpaceReader(classifier: try SpaceClassifier(modelPath: TestResources.classifier)) }

    struct Frame {
        let file: URL
        let image: Image
        let layout: LotLayout
        let truth: [String: Bool]
    }

    static func frames() async throws -> [Frame] {
        var frames: [Frame] = []
        for file in TestResources.pklotDay1 {
            let labelled = try LayoutImport.readPKLot(file.deletingPathExtension().appendingPathExtension("xml"))
            let image = try await Image.decode(try Data(contentsOf: file))
            frames.append(Frame(file: file, image: image, layout: labelled.layout, truth: labelled.occupied))
        }
        #expect(frames.count == 5)
        return frames
    }

    /// The same states and, but for float rounding, the same probabilities: OpenCV's kernels may
    /// sum in another order from one call to the next (the classifier's p differs by ~1e-8).
    static func alike(_ one: [SpaceDecision], _ other: [SpaceDecision]) -> Bool {
        one.count == other.count && zip(one, other).allSatisfy { one, other in
            one.spaceID == other.spaceID && one.state == other.state && one.evidence.anchored == other.evidence.anchored
                && abs(one.occupiedProbability - other.occupiedProbability) < 1e-5
                && abs(one.classifierProbability - other.classifierProbability) < 1e-5
        }
    }

    func frameReader(_ options: FrameReader.Options) throws -> FrameReader {
        FrameReader(detector: try Self.detector.get(), spaces: try Self.reader.get(), options: options)
    }

    /// A camera's first frame: the photo path, the stream path (its gate has nothing to keep yet)
    /// and the single-frame path of `analyze` decide every space alike. The gated stream looks at
    /// the whole frame first and closer only where that leaves doubt: the same states, from fewer
    /// network passes over the morning.
    @Test func theFirstFrameOfACameraReadsAlikeOnEveryPath() async throws {
        let (photos, single, stream) = (try frameReader(.photos), try frameReader(.singleFrames), try frameReader(.stream(.default)))
        var passes = (full: 0, stepwise: 0)
        for (index, frame) in try await Self.frames().enumerated() {
            let camera = "cam\(index)"
            let byPhoto = try await photos.read(frame.image, camera: camera, layout: frame.layout)
            let alone = try await single.read(frame.image, camera: camera, layout: frame.layout)
            let byStream = try await stream.read(frame.image, camera: camera, layout: frame.layout)
            #expect(byPhoto.decisions.count == 40 && byPhoto.spacesFailure == nil)
            #expect(Self.alike(byPhoto.decisions, alone.decisions), "\(frame.file.lastPathComponent)")
            #expect(byPhoto.decisions.map(\.state) == byStream.decisions.map(\.state), "\(frame.file.lastPathComponent)")
            #expect(byStream.reclassified == 40 && byPhoto.detectorPasses == 13 && byStream.detectorPasses >= 1)
            passes.full += byPhoto.detectorPasses
            passes.stepwise += byStream.detectorPasses
        }
        #expect(passes.stepwise < passes.full, "\(passes)")
    }

    /// The lot empty on another morning (2013-03-17 07:05): the classifier and the whole frame
    /// agree on every space, and a gated first frame runs the network once.
    @Test func aSettledFrameCostsOneNetworkPass() async throws {
        let layout = try #require(await Self.frames().first).layout
        let data = try Data(contentsOf: TestResources.dataset("ufpr05-stream/frames/2013-03-17_07_05_01.jpg"))
        let image = try await Image.decode(data)
        let stepwise = try await frameReader(.stream(.default)).read(image, camera: "cam", layout: layout)
        let full = try await frameReader(.singleFrames).read(image, camera: "cam", layout: layout)
        #expect(stepwise.detectorPasses == 1 && full.detectorPasses == 13)
        #expect(stepwise.decisions.map(\.state) == full.decisions.map(\.state))
        #expect(stepwise.decisions.allSatisfy { $0.state == .free })
    }

    /// The same frame again on a stream: the gate sees no change, re-reads no space and keeps
    /// every decision.
    @Test func anUnchangedStreamFrameKeepsEveryDecision() async throws {
        let stream = try frameReader(.stream(.default))
        let frame = try #require(await Self.frames().first)
        let first = try await stream.read(frame.image, camera: "cam", layout: frame.layout, at: 0)
        let again = try await stream.read(frame.image, camera: "cam", layout: frame.layout, at: 1)
        #expect(again.reclassified == 0 && !again.detectorRan)
        #expect(again.decisions == first.decisions)
    }

    /// A camera read as photos adapts to its unlabelled frames (the dev morning: 32 parked cars
    /// the detector boxes, many free spaces it sees empty): the classifier's weights move, the
    /// detector's stay; single frames learn nothing.
    @Test func aCameraAdaptsToItsUnlabelledPhotos() async throws {
        let (photos, single) = (try frameReader(.photos), try frameReader(.singleFrames))
        for frame in try await Self.frames() {
            _ = try await photos.read(frame.image, camera: "cam", layout: frame.layout)
            _ = try await single.read(frame.image, camera: "cam", layout: frame.layout)
        }
        let adapted = try #require(photos.adaptedWeights(camera: "cam"))
        let prior = FusionWeights.prior(settings: .default)
        #expect(adapted.bias != prior.bias && adapted.classifier <= prior.classifier)
        #expect(adapted.anchored == prior.anchored && adapted.unboxed == prior.unboxed)
        #expect(single.adaptedWeights(camera: "cam") == nil)
    }

    /// Morning frames of the same camera on two other days (the lot empty, the detector boxing
    /// nothing) teach each space its empty look; on the labelled mornings some spaces then match
    /// it, and every one that does is free.
    @Test func aCameraLearnsHowItsSpacesLookEmpty() async throws {
        let photos = try frameReader(.photos)
        let layout = try #require(await Self.frames().first).layout
        let history = ["2013-03-03_07_05_01", "2013-03-03_07_10_01", "2013-03-10_07_05_01", "2013-03-10_07_10_01"]
        for (index, name) in history.enumerated() {
            let data = try Data(contentsOf: TestResources.dataset("ufpr05-stream/frames/\(name).jpg"))
            let reading = try await photos.read(try await Image.decode(data), camera: "cam", layout: layout, at: Double(index / 2) * 86_400)
            // A look counts from the second day's first frame on.
            if index < 3 { #expect(reading.looksEmpty == 0, "no look has come back on another day yet") }
        }
        var matched = 0
        for (index, frame) in try await Self.frames().enumerated() {
            let reading = try await photos.read(frame.image, camera: "cam", layout: frame.layout, at: 2 * 86_400 + Double(index) * 300)
            let looksEmpty = reading.decisions.filter(\.evidence.looksEmpty)
            #expect(looksEmpty.count == reading.looksEmpty)
            #expect(looksEmpty.allSatisfy { frame.truth[$0.spaceID] == false }, "\(frame.file.lastPathComponent)")
            matched += looksEmpty.count
        }
        print("aCameraLearnsHowItsSpacesLookEmpty: \(matched) of 200 space readings matched an empty look")
        #expect(matched >= 20, "\(matched) of 200 space readings matched an empty look")
    }

    /// `eval spaces` judges exactly the decisions the single-frame reader makes.
    @Test func evalJudgesTheReadersDecisions() async throws {
        let single = try frameReader(.singleFrames)
        var expected: [String: [String]] = [:]
        for frame in try await Self.frames() {
            let reading = try await single.read(frame.image, camera: "eval", layout: frame.layout)
            expected[frame.file.path] = reading.decisions.filter { $0.state != (frame.truth[$0.spaceID]! ? .occupied : .free) }.map(\.spaceID)
        }
        let evaluator = Evaluator(detector: try Self.detector.get(), reader: try Self.reader.get())
        let result = try await evaluator.spaces(in: TestResources.dataset("pklot-ufpr05-dev/day1"))
        #expect(result.perImage.count == 5)
        for image in result.perImage { #expect(image.wrong == expected[image.file], "\(image.file)") }
    }

    /// The photo path stores what the reader decided: the stored states follow the decisions.
    @Test func theRecorderStoresTheReadersDecisions() async throws {
        let folder = try TemporaryFolder("recorder")
        let store = try ParkWatchDatabase(path: folder.path("parkwatch.sqlite").path)
        let recorder = ReadingRecorder(store: store)
        let frame = try #require(await Self.frames().first)
        let reading = try await frameReader(.photos).read(frame.image, camera: "cam", layout: frame.layout)
        let draft = PhotoRecord(
            camera: "cam", file: frame.file.lastPathComponent, sourcePath: frame.file.path, sha256: nil, sizeBytes: nil,
            status: .ok, capturedAt: Date(timeIntervalSince1970: 1_700_000_000), captureSource: "test",
            receivedAt: Date(), archivedPath: frame.file.path)
        let recorded = try await recorder.insert(draft, reading: reading)
        let id = try #require(recorded.record.id)
        let stored = try #require(try await store.spaceReading(photoID: id))
        let raw = String(reading.decisions.map { $0.state == .occupied ? "o" : $0.state == .free ? "f" : "u" })
        #expect(stored.total == 40 && stored.rawStates == raw)
        #expect(recorded.record.vehicles == reading.vehicles)
    }
}
