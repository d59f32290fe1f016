import Foundation
import ParkWatchImageFiles
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

/// `parkwatch eval spaces`: the whole pipeline (detector, classifier, decision) on labelled
/// frames, through the same `FrameReader` the service reads photos with, beside the box-centre
/// rule on the same frames.
package struct Evaluator: Sendable {
    let detector: any VehicleCounter
    let reader: SpaceReader
    let baseline: BoxCentreRule?

    package init(detector: any VehicleCounter, reader: SpaceReader, baseline: BoxCentreRule? = nil) {
        self.detector = detector
        self.reader = reader
        self.baseline = baseline
    }

    /// Every image under `folder` with a same-stem PKLot `.xml` beside it. `asSequence`: the images
    /// are one camera's, taken in file-name order (PKLot names are capture times) through the
    /// photo path (gated by `gate`, the service's default unless nil, each frame's capture time its
    /// clock), which adapts to the camera's unlabelled frames as it goes. `adaptFirst`: the first
    /// that many images, in file-name order, calibrate the camera's fusion from their labels and
    /// are not judged. `layout`: every image is read and judged with this layout (its spaces
    /// matched to each image's labels by id) instead of the image's own XML outline, so a layout
    /// drawn once, or re-aligned after the camera moved, is measured. `progress` hears (images
    /// done, images in all) after each image. `history` (with `asSequence`): unlabelled frames of
    /// the same camera, read first in file-name order so the camera adapts to them
    /// (`readHistory`).
    package func spaces(
        in folder: URL, asSequence: Bool = false, gate: ChangeGate.Settings? = .photos, adaptFirst: Int = 0,
        layout given: LotLayout? = nil, history: URL? = nil, progress: EvaluationProgress = { _, _ in }
    ) async throws -> SpacesEvaluation {
        let start = ContinuousClock.now
        var run = SpacesRun()
        var images = ImageFolder.images(under: folder).filter { FileManager.default.fileExists(atPath: Self.labels(of: $0).path) }
        if asSequence || adaptFirst > 0 || given?.reference != nil { images.sort { $0.lastPathComponent < $1.lastPathComponent } }
        guard adaptFirst < images.count else { throw EvaluationError.nothingLeftToJudge(adaptFirst: adaptFirst, images: images.count) }
        let frames = FrameReader(detector: detector, spaces: reader, options: asSequence ? .photos(gate: gate) : .singleFrames)
        if let history, asSequence { run.historyFrames = try await readHistory(history, before: images, layout: given, into: frames, run: &run) }
        for (index, file) in images.enumerated() {
            defer { progress(index + 1, images.count) }
            guard let (image, layout, truth, time) = await readLabelled(file, labels: Self.labels(of: file), layout: given, skipped: &run.skipped)
            else { continue }
            let reading = try await frames.read(image, camera: "eval", layout: layout, at: time)
            if let failure = reading.spacesFailure { throw EvaluationError.spacesFailed(reason: failure) }
            if run.adaptedOn.count < adaptFirst {
                run.calibrate(with: reading, truth: truth, file: file, frames: frames, target: adaptFirst, settings: reader.settings)
                continue
            }
            if reading.viewLost { run.unregisteredFiles.append(file.path) }
            run.judge(reading, truth: truth, file: file)
            run.lookedEmpty += reading.looksEmpty
            if let baseline {
                let judged = reading.layout ?? layout
                let far = SpaceDecider.hasDepth(judged, settings: reader.settings)
                run.baseline.add(Self.tally(try await baseline.states(image, layout: judged, farVehicles: far), truth: truth).tally)
            }
        }
        return SpacesEvaluation(
            images: run.perImage.count, spaces: run.total.total, figures: ClassificationFigures(run.total),
            seconds: secondsSince(start), perImage: run.perImage, tally: run.total,
            baseline: baseline.map { _ in BaselineFigures(run.baseline) },
            adaptedOn: adaptFirst > 0 ? run.adaptedOn : nil, lookedEmpty: adaptFirst > 0 ? run.lookedEmpty : nil, sideView: run.sideView,
            fusion: run.fusion ?? frames.adaptedWeights(camera: "eval"),
            unregistered: given?.reference == nil ? nil : run.unregisteredFiles, skipped: run.skipped,
            history: history == nil || !asSequence ? nil : .init(frames: run.historyFrames, lookedEmpty: run.lookedEmpty))
    }

    /// Reads the unlabelled frames under `folder` through `frames` in file-name order, with the
    /// layout `given` or else that of the first labelled image. A frame taken on the day of a
    /// labelled image is left out: the camera is judged on days whose light it has not learned.
    /// Returns the frames read.
    private func readHistory(
        _ folder: URL, before labelled: [URL], layout given: LotLayout?, into frames: FrameReader, run: inout SpacesRun
    ) async throws -> Int {
        guard let first = labelled.first else { return 0 }
        let layout = try given ?? LayoutImport.readPKLot(Self.labels(of: first)).layout
        var judgedDays = Set<Int>()
        for file in labelled {
            if let data = try? Data(contentsOf: file) { judgedDays.insert(EmptyLooks.day(ofSeconds: EvaluationFiles.captureSeconds(of: file, data: data))) }
        }
        var read = 0
        for file in ImageFolder.images(under: folder).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            guard let (image, data) = await decodeOrSkip(file, into: &run.skipped) else { continue }
            let time = EvaluationFiles.captureSeconds(of: file, data: data)
            guard !judgedDays.contains(EmptyLooks.day(ofSeconds: time)) else { continue }
            let usable = layout.usableSpaces(width: image.width, height: image.height).layout
            let reading = try await frames.read(image, camera: "eval", layout: usable, at: time)
            if let failure = reading.spacesFailure { throw EvaluationError.spacesFailed(reason: failure) }
            read += 1
        }
        return read
    }

    private static func labels(of image: URL) -> URL {
        image.deletingPathExtension().appendingPathExtension("xml")
    }

    /// The image and its labels, or nil (and the reason in `skipped`) when either cannot be read.
    /// Spaces that do not fit the image are left out and named; the frame's other spaces still count.
    /// The image, its usable layout (`given`, else the XML's outlines), the labels, and its capture
    /// time in seconds (from the same bytes).
    private func readLabelled(
        _ file: URL, labels: URL, layout given: LotLayout?, skipped: inout [SkippedFile]
    ) async -> (Image, LotLayout, [String: Bool], Double)? {
        let labelled: (layout: LotLayout, occupied: [String: Bool])
        do {
            labelled = try LayoutImport.readPKLot(labels)
        } catch {
            skipped.append(SkippedFile(file: labels.path, reason: "\(error)"))
            return nil
        }
        guard let (image, data) = await decodeOrSkip(file, into: &skipped) else { return nil }
        let (layout, dropped) = (given ?? labelled.layout).usableSpaces(width: image.width, height: image.height)
        let named = given == nil ? labels.path : file.path
        skipped += dropped.map { error in
            guard case .invalidSpace(let id, let reason) = error else { return SkippedFile(file: named, reason: "\(error)") }
            return SkippedFile(file: named, reason: reason, space: id)
        }
        let source = given == nil ? labels.lastPathComponent : "the layout"
        guard !layout.spaces.isEmpty else {
            skipped.append(SkippedFile(file: file.path, reason: "no space of \(source) fits the \(image.width)x\(image.height) image"))
            return nil
        }
        guard layout.spaces.contains(where: { labelled.occupied[$0.id] != nil }) else {
            skipped.append(SkippedFile(file: file.path, reason: "no space id of the layout is labelled in \(labels.lastPathComponent)"))
            return nil
        }
        return (image, layout, labelled.occupied, EvaluationFiles.captureSeconds(of: file, data: data))
    }

    /// The verdicts of the labelled spaces, and the ids of the wrong ones.
    static func tally(_ states: [(id: String, state: SpaceState)], truth: [String: Bool]) -> (tally: BinaryTally, wrong: [String]) {
        var tally = BinaryTally()
        var wrong: [String] = []
        for (id, state) in states {
            guard let occupied = truth[id] else { continue }
            tally.record(occupied: occupied, state: state)
            if state != (occupied ? .occupied : .free) { wrong.append(id) }
        }
        return (tally, wrong)
    }
}

/// What an `eval spaces` run has gathered so far.
struct SpacesRun {
    var total = BinaryTally()
    var baseline = BinaryTally()
    var perImage: [SpacesEvaluation.Image] = []
    var skipped: [SkippedFile] = []
    var adaptedOn: [String] = []
    var labelled = LabelCalibration.Frames()
    var fusion: FusionWeights?
    var sideView: Bool?
    var historyFrames = 0
    var lookedEmpty = 0

    var unregisteredFiles: [String] = []

    mutating func judge(_ reading: FrameReading, truth: [String: Bool], file: URL) {
        let (tally, wrong) = Evaluator.tally(reading.decisions.map { ($0.spaceID, $0.state) }, truth: truth)
        total.add(tally)
        perImage.append(.init(
            file: file.path, spaces: tally.total, accuracy: tally.accuracy.map(rounded), unknown: tally.unknown, wrong: wrong,
            shiftPx: reading.viewShift.map { ($0 * 10).rounded() / 10 }, adjustment: reading.adjustment))
    }

    /// Adds a calibration frame's labelled spaces; after the `target`-th, fits the camera's fusion
    /// and its labelled looks and gives them to `frames`.
    mutating func calibrate(
        with reading: FrameReading, truth: [String: Bool], file: URL, frames: FrameReader, target: Int, settings: SpaceDecisionSettings
    ) {
        labelled.add(reading.decisions, labels: truth, crops: reading.spaceCrops, settings: settings)
        adaptedOn.append(file.path)
        guard adaptedOn.count == target else { return }
        let calibration = labelled.calibration(settings: settings)
        (fusion, sideView) = (calibration.weights, calibration.sideView)
        frames.calibrate(camera: "eval", with: calibration)
    }
}

/// `parkwatch eval crops`: only the space classifier, since each crop is one whole space.
package struct CropEvaluator: Sendable {
    let reader: SpaceReader

    package init(reader: SpaceReader) {
        self.reader = reader
    }

    /// Subfolders `busy`, `occupied`, `not_empty` hold occupied crops; `free`, `empty` free ones.
    package func crops(in folder: URL, progress: EvaluationProgress = { _, _ in }) async throws -> CropsEvaluation {
        let start = ContinuousClock.now
        var tally = BinaryTally()
        var perCrop: [CropsEvaluation.Crop] = []
        var skipped: [SkippedFile] = []
        let crops = EvaluationFiles.labelledCrops(under: folder)
        for (index, (file, occupied)) in crops.enumerated() {
            defer { progress(index + 1, crops.count) }
            guard let (image, _) = await decodeOrSkip(file, into: &skipped) else { continue }
            let whole = ParkingSpace.wholeImage(width: image.width, height: image.height)
            let score = try await reader.classifier.classify(image, spaces: [whole])[0]
            let decision = SpaceDecider.decide(score, settings: reader.settings)
            tally.record(occupied: occupied, state: decision.state)
            perCrop.append(.init(file: file.path, occupied: occupied, state: decision.state.rawValue, confidence: rounded(decision.confidence)))
        }
        return CropsEvaluation(crops: perCrop.count, figures: ClassificationFigures(tally), seconds: secondsSince(start), perImage: perCrop, tally: tally, skipped: skipped)
    }
}

/// `parkwatch eval counts`: only the vehicle detector.
package struct CountEvaluator: Sendable {
    let detector: any VehicleCounter

    package init(detector: any VehicleCounter) {
        self.detector = detector
    }

    /// Images with their expected vehicle counts in `counts.csv` (`file,count`), each counted
    /// through the frame reader as `analyze` counts it (no layout).
    package func counts(in folder: URL, progress: EvaluationProgress = { _, _ in }) async throws -> CountsEvaluation {
        let start = ContinuousClock.now
        var perImage: [CountsEvaluation.Image] = []
        let (rows, problems) = try EvaluationFiles.expectedCounts(in: folder)
        var skipped = problems
        let frames = FrameReader(detector: detector, spaces: nil, options: .singleFrames)
        for (index, (name, expected)) in rows.enumerated() {
            defer { progress(index + 1, rows.count) }
            guard let (image, _) = await decodeOrSkip(folder.appendingPathComponent(name), into: &skipped) else { continue }
            let found = try await frames.read(image, camera: "eval", layout: nil).vehicles ?? 0
            perImage.append(.init(file: name, expected: expected, found: found))
        }
        return CountsEvaluation(perImage: perImage, seconds: secondsSince(start), skipped: skipped)
    }
}

/// A file that is missing or not an image is named in `skipped`, not thrown: the rest still count.
/// The decoded image and the bytes it came from.
private func decodeOrSkip(_ file: URL, into skipped: inout [SkippedFile]) async -> (Image, Data)? {
    do {
        let data = try Data(contentsOf: file)
        return (try await Image.decode(data), data)
    } catch {
        skipped.append(SkippedFile(file: file.path, reason: "\(error)"))
        return nil
    }
}

func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    rounded((ContinuousClock.now - start).inSeconds)
}

extension ParkingSpace {
    /// The whole of a crop that is one space.
    static func wholeImage(width: Int, height: Int) -> ParkingSpace {
        let (w, h) = (Double(width - 1), Double(height - 1))
        return ParkingSpace(id: "crop", name: nil, zone: nil, polygon: [Point(x: 0, y: 0), Point(x: w, y: 0), Point(x: w, y: h), Point(x: 0, y: h)])
    }
}
