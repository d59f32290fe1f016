@testable import ParkWatchPipeline
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchVision
import Synchronization
import Testing

/// A 40 x 20 car box at (`x`, `y`).
private func box(_ x: Double, _ y: Double, score: Double = 0.9) -> VehicleBox {
    VehicleBox(x: x, y: y, w: 40, h: 20, score: score, label: "car")
}

/// A gated frame's boxes (and faint boxes): fresh where the detector looked again, known elsewhere.
@Suite struct ChangedAreasTests {
    @Test func freshBoxesReplaceKnownOnesOnlyInTheExaminedTiles() {
        let tile = PixelRect(x: 400, y: 200, width: 400, height: 300)
        let known = FrameBoxes(boxes: [box(10, 10), box(500, 300), box(700, 450)], faint: [box(900, 10), box(450, 250)])
        // The car at (500, 300) left; one came at (600, 400); the whole-frame pass saw (12, 10) again.
        // The faint box at (450, 250) is gone; one shows at (420, 210) and the pass saw (901, 10).
        let fresh = Detections(
            boxes: [box(600, 400), box(12, 10)], passes: 2, examined: [tile], faint: [box(420, 210), box(901, 10)])
        let merged = ChangedAreas.merge(fresh, known: known)
        #expect(merged.boxes == [box(10, 10), box(600, 400)])
        #expect(merged.faint == [box(900, 10), box(420, 210)])
        // A full detection stands as it is.
        let full = Detections(boxes: [box(1, 1)], passes: 13, faint: [box(2, 2)])
        #expect(ChangedAreas.merge(full, known: known) == FrameBoxes(boxes: [box(1, 1)], faint: [box(2, 2)]))
    }

    @Test func aChangedSpaceIsLookedAtWithRoomForTheCarAboveIt() throws {
        let space = ParkingSpace(id: "a", polygon: [Point(x: 100, y: 200), Point(x: 140, y: 200), Point(x: 140, y: 220), Point(x: 100, y: 220)])
        let layout = LotLayout(lot: "l", spaces: [space, ParkingSpace(id: "b", polygon: space.polygon)])
        let areas = ChangedAreas.around(["a"], in: layout)
        #expect(areas == [PixelRect(x: 80, y: 180, width: 81, height: 51)])
    }

    /// After the whole frame alone, the tiles look closer at a re-read space unless the classifier
    /// and the boxes agree on it: surely free with no box touching it, or surely taken with a box
    /// standing in it.
    @Test func onlySpacesTheWholeFrameLeavesInDoubtAreLookedAtCloser() {
        func decision(_ id: String, _ classifier: Double, coverage: Double = 0, anchored: Bool = false) -> SpaceDecision {
            SpaceDecision(
                spaceID: id, state: .free, confidence: 0.9, occupiedProbability: classifier, classifierProbability: classifier,
                coverage: coverage, evidence: SpaceEvidence(anchored: anchored))
        }
        let decisions = [
            decision("free", 0.05), decision("taken", 0.95, coverage: 0.8, anchored: true),
            decision("unseen car", 0.7), decision("doubted box", 0.1, coverage: 0.6, anchored: true),
            decision("touched", 0.1, coverage: 0.3), decision("unsure", 0.5, coverage: 0.5, anchored: true),
            decision("kept", 0.7),
        ]
        let fresh = Set(decisions.map(\.spaceID)).subtracting(["kept"])
        let unsettled = SpaceWeighing.unsettled(decisions, among: fresh, touchCoverage: 0.1)
        #expect(unsettled == ["unseen car", "doubted box", "touched", "unsure"])
    }
}

/// A gated frame reads again a space whose last decision stood on a box the frame no longer has,
/// though the space's own crop did not change, and looks at it closer before reading it free.
@Suite struct LostBoxTests {
    func space(_ id: String, _ x: Double) -> ParkingSpace {
        ParkingSpace(id: id, polygon: [Point(x: x, y: 100), Point(x: x + 40, y: 100), Point(x: x + 40, y: 130), Point(x: x, y: 130)])
    }

    func decision(_ id: String, anchored: Bool) -> SpaceDecision {
        SpaceDecision(
            spaceID: id, state: anchored ? .occupied : .free, confidence: 0.9, occupiedProbability: anchored ? 0.9 : 0.1,
            classifierProbability: 0.5, coverage: 0.8, evidence: SpaceEvidence(anchored: anchored))
    }

    @Test func onlyTheSpacesThatStoodOnALostBoxAreReadAgain() {
        let layout = LotLayout(spaces: [space("left", 0), space("stayed", 100), space("spilled", 200), space("faded", 300), space("alone", 400)])
        let known = FrameBoxes(boxes: [box(0, 105), box(100, 105), box(200, 105)], faint: [box(300, 105, score: 0.2)])
        // The car over "stayed" is boxed a little differently: the same vehicle.
        let now = FrameBoxes(boxes: [box(103, 106)], faint: [])
        let previous = Dictionary(uniqueKeysWithValues: [
            decision("left", anchored: true), decision("stayed", anchored: true), decision("spilled", anchored: false),
            decision("faded", anchored: true), decision("alone", anchored: true),
        ].map { ($0.spaceID, $0) })
        let lost = ChangedAreas.spacesLosingTheirBox(known: known, now: now, previous: previous, in: layout)
        #expect(lost == ["left", "faded"])
        #expect(ChangedAreas.spacesLosingTheirBox(known: known, now: known, previous: previous, in: layout).isEmpty)
    }

    /// One whole-frame look a frame, scripted: a box in the first, none after.
    final class Scripted: VehicleCounter {
        let looks: Mutex<[[VehicleBox]]>

        init(_ looks: [[VehicleBox]]) { self.looks = Mutex(looks) }

        func detect(_ image: Image) async throws -> Detections {
            Detections(boxes: looks.withLock { $0.isEmpty ? [] : $0.removeFirst() }, passes: 1)
        }
    }

    /// The dev morning's first two photos, gated as the inbox reads them: a free space the gate
    /// does not re-read between them, with a box standing in it in the first photo only, is read
    /// again in the second, not kept as the box left it until the next full pass.
    @Test func aSpaceWhoseBoxWentIsReadAgain() async throws {
        let frames = try await FrameReaderPathsTests.frames()
        let (first, second, layout) = (frames[0], frames[1], frames[0].layout)
        let changed = try Self.changed(from: first, to: second)
        try #require(!changed.isEmpty, "the detector runs on the second photo")
        let still = try #require(layout.spaces.first { !changed.contains($0.id) && first.truth[$0.id] == false && second.truth[$0.id] == false })
        let over = try Self.carBox(over: still)
        let reader = FrameReader(
            detector: Scripted([[over], []]), spaces: try FrameReaderPathsTests.reader.get(), options: .photos(gate: .photos))
        let before = try await reader.read(first.image, camera: "cam", layout: layout, at: 0)
        let after = try await reader.read(second.image, camera: "cam", layout: layout, at: 60)
        let decision = { (reading: FrameReading) in reading.decisions.first { $0.spaceID == still.id } }
        try #require(decision(before)?.evidence.anchored == true, "the box stands in the space")
        #expect(try #require(decision(after)).coverage == 0)
        #expect(decision(after)?.state == .free)
        #expect(after.reclassified < layout.spaces.count, "a gated photo, not a full pass")
    }

    /// The spaces the photos' gate re-reads in `second` after classifying all of `first`.
    static func changed(from first: FrameReaderPathsTests.Frame, to second: FrameReaderPathsTests.Frame) throws -> Set<String> {
        var gate = ChangeGate(settings: .photos)
        let crops = try GatedCrops.crops(first.image, layout: first.layout)
        gate.classified(gate.select(crops, at: 0), crops: crops, at: 0)
        return gate.select(try GatedCrops.crops(second.image, layout: first.layout), at: 60).spaces
    }

    /// A car box over the whole of `space`'s outline.
    static func carBox(over space: ParkingSpace) throws -> VehicleBox {
        let bounds = try #require(PolygonGeometry.bounds(space.polygon))
        return VehicleBox(x: bounds.minX, y: bounds.minY, w: bounds.maxX - bounds.minX, h: bounds.maxY - bounds.minY, score: 0.9, label: "car")
    }
}

/// A gated frame reads again a space whose kept decision the camera's weights now read otherwise,
/// though its crop did not change: the decision was weighed with what the camera knew then.
@Suite struct OutweighedTests {
    /// The dev morning's first two photos, gated, each with a box over every labelled car of the
    /// first. Between them the camera's weights move to reading every space free: the parked cars
    /// the gate does not re-read are read again under those weights, not kept taken.
    @Test func keptDecisionsTheNewWeightsReadOtherwiseAreReadAgain() async throws {
        let frames = try await FrameReaderPathsTests.frames()
        let (first, second, layout) = (frames[0], frames[1], frames[0].layout)
        let boxes = try layout.spaces.filter { first.truth[$0.id] == true }.map(LostBoxTests.carBox(over:))
        let reader = FrameReader(
            detector: LostBoxTests.Scripted([boxes, boxes]), spaces: try FrameReaderPathsTests.reader.get(), options: .photos(gate: .photos))
        let before = try await reader.read(first.image, camera: "cam", layout: layout, at: 0)
        let parked = Set(before.decisions.filter { $0.state == .occupied }.map(\.spaceID))
        try #require(!parked.subtracting(try LostBoxTests.changed(from: first, to: second)).isEmpty, "a parked car the gate does not re-read")
        reader.calibrate(camera: "cam", with: LabelCalibration(weights: FusionWeights(bias: -8, classifier: 0, anchored: 0, unboxed: 0, unboxedSmall: 0)))
        let after = try await reader.read(second.image, camera: "cam", layout: layout, at: 60)
        #expect(after.decisions.filter { parked.contains($0.spaceID) }.allSatisfy { $0.state == .free })
        #expect(after.reclassified < layout.spaces.count, "a gated photo, not a full pass")
    }
}

/// A gated photo reads again a space whose kept decision its photo left contested, though its
/// crop did not change: the next photo, minutes later, is a fresh look where the evidence conflicted.
@Suite struct ContestedTests {
    @Test func theDecisionsLessSureThanThePhotosBarAreContested() {
        let kept = [("sure", 0.95), ("doubtful", 0.6), ("edge", 0.7)].reduce(into: [String: SpaceDecision]()) { kept, named in
            kept[named.0] = SpaceDecision(
                spaceID: named.0, state: .occupied, confidence: named.1, occupiedProbability: named.1, classifierProbability: named.1,
                coverage: 0)
        }
        #expect(ChangeGate.contested(kept, settings: .photos) == ["doubtful"])
        #expect(ChangeGate.contested(kept, settings: .default).isEmpty, "a stream keeps them")
    }

    /// The dev morning's first photo sent twice, gated, to a camera whose weights weigh nothing
    /// (every decision a coin's toss): the photos' gate reads every space again, a stream's gate
    /// none; weighed as the prior does, the photos' gate reads again the contested ones only.
    @Test func aContestedDecisionIsReadOnTheNextPhoto() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().first)
        let tossed = LabelCalibration(weights: FusionWeights(bias: 0, classifier: 0, anchored: 0, unboxed: 0, unboxedSmall: 0, emptyLook: 0))
        let (photos, stream) = (ChangeGate.Settings.photos, ChangeGate.Settings(fullEvery: 900, closerLookTiles: nil))
        let below = try #require(photos.rereadBelow)
        var reread: [(again: Int, contested: Int)] = []
        for (gate, calibration) in [(photos, tossed), (stream, tossed), (photos, nil)] {
            let reader = FrameReader(
                detector: LostBoxTests.Scripted([]), spaces: try FrameReaderPathsTests.reader.get(), options: .photos(gate: gate))
            reader.calibrate(camera: "cam", with: calibration)
            let first = try await reader.read(frame.image, camera: "cam", layout: frame.layout, at: 0)
            try #require(first.reclassified == frame.layout.spaces.count)
            let again = try await reader.read(frame.image, camera: "cam", layout: frame.layout, at: 60)
            reread.append((again.reclassified, first.decisions.filter { $0.confidence < below }.count))
        }
        let spaces = frame.layout.spaces.count
        #expect(reread[0].contested == spaces && reread[0].again == spaces)
        #expect(reread[1].contested == spaces && reread[1].again == 0)
        #expect(reread[2].contested < spaces && reread[2].again == reread[2].contested)
    }
}
