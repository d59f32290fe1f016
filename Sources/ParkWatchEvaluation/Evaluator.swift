import Foundation
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

/// `parkwatch eval spaces`: the whole pipeline (detector, classifier, decision) on labelled
/// frames, through the same `FrameReader` the service reads photos with.
public struct Evaluator: Sendable {
    let detector: any VehicleCounter
    let reader: SpaceReader

    public init(detector: any VehicleCounter, reader: SpaceReader) {
        self.detector = detector
        self.reader = reader
    }

    /// Every image under `folder` with a same-stem PKLot `.xml` beside it. `asSequence`: the images
    /// are one camera's, taken in file-name order, and what each shows of the detector's recall
    /// carries over to the next (`RecallMemory`), as in the running service. `progress` hears
    /// (images done, images in all) after each image.
    public func spaces(in folder: URL, asSequence: Bool = false, progress: EvaluationProgress = { _, _ in }) async throws -> SpacesEvaluation {
        let start = ContinuousClock.now
        var total = BinaryTally()
        var perImage: [SpacesEvaluation.Image] = []
        var skipped: [SkippedFile] = []
        var images = EvaluationFiles.images(under: folder).filter { FileManager.default.fileExists(atPath: Self.labels(of: $0).path) }
        if asSequence { images.sort { $0.lastPathComponent < $1.lastPathComponent } }
        let frames = FrameReader(detector: detector, spaces: reader, options: asSequence ? .photos : .singleFrames)
        for (index, file) in images.enumerated() {
            defer { progress(index + 1, images.count) }
            guard let (image, layout, truth) = await readLabelled(file, labels: Self.labels(of: file), skipped: &skipped) else { continue }
            let (tally, wrong) = try await judge(image, layout: layout, truth: truth, frames: frames)
            total.add(tally)
            perImage.append(.init(file: file.path, spaces: tally.total, accuracy: tally.accuracy.map(rounded), unknown: tally.unknown, wrong: wrong))
        }
        return SpacesEvaluation(
            images: perImage.count, spaces: total.total, figures: ClassificationFigures(total),
            seconds: secondsSince(start), perImage: perImage, tally: total, skipped: skipped)
    }

    private static func labels(of image: URL) -> URL {
        image.deletingPathExtension().appendingPathExtension("xml")
    }

    /// The image and its labels, or nil (and the reason in `skipped`) when either cannot be read.
    /// Spaces that do not fit the image are left out and named; the frame's other spaces still count.
    private func readLabelled(_ file: URL, labels: URL, skipped: inout [SkippedFile]) async -> (Image, LotLayout, [String: Bool])? {
        let labelled: (layout: LotLayout, occupied: [String: Bool])
        do {
            labelled = try LayoutImport.readPKLot(labels)
        } catch {
            skipped.append(SkippedFile(file: labels.path, reason: "\(error)"))
            return nil
        }
        guard let image = await decodeOrSkip(file, into: &skipped) else { return nil }
        let (layout, dropped) = labelled.layout.usableSpaces(width: image.width, height: image.height)
        skipped += dropped.map { SkippedFile(file: labels.path, reason: "\($0)") }
        guard !layout.spaces.isEmpty else {
            skipped.append(SkippedFile(file: file.path, reason: "no space of \(labels.lastPathComponent) fits the \(image.width)x\(image.height) image"))
            return nil
        }
        return (image, layout, labelled.occupied)
    }

    /// The frames of a sequence are one camera's, so its memory carries from frame to frame.
    private func judge(_ image: Image, layout: LotLayout, truth: [String: Bool], frames: FrameReader) async throws -> (BinaryTally, wrong: [String]) {
        let reading = try await frames.read(image, camera: "eval", layout: layout)
        if let failure = reading.spacesFailure { throw EvaluationError.spacesFailed(reason: failure) }
        let decisions = reading.decisions
        var tally = BinaryTally()
        var wrong: [String] = []
        for decision in decisions {
            guard let occupied = truth[decision.spaceID] else { continue }
            tally.record(occupied: occupied, state: decision.state)
            if decision.state != (occupied ? .occupied : .free) { wrong.append(decision.spaceID) }
        }
        return (tally, wrong)
    }
}

/// `parkwatch eval crops`: only the space classifier, since each crop is one whole space.
public struct CropEvaluator: Sendable {
    let reader: SpaceReader

    public init(reader: SpaceReader) {
        self.reader = reader
    }

    /// Subfolders `busy`, `occupied`, `not_empty` hold occupied crops; `free`, `empty` free ones.
    public func crops(in folder: URL, progress: EvaluationProgress = { _, _ in }) async throws -> CropsEvaluation {
        let start = ContinuousClock.now
        var tally = BinaryTally()
        var perCrop: [CropsEvaluation.Crop] = []
        var skipped: [SkippedFile] = []
        let crops = EvaluationFiles.labelledCrops(under: folder)
        for (index, (file, occupied)) in crops.enumerated() {
            defer { progress(index + 1, crops.count) }
            guard let image = await decodeOrSkip(file, into: &skipped) else { continue }
            let whole = ParkingSpace.wholeImage(width: image.width, height: image.height)
            let score = try await reader.classifier.classify(image, spaces: [whole])[0]
            let decision = SpaceDecider.decide(score, coverage: 0, boxScore: 0, settings: reader.settings)
            tally.record(occupied: occupied, state: decision.state)
            perCrop.append(.init(file: file.path, occupied: occupied, state: decision.state.rawValue, confidence: rounded(decision.confidence)))
        }
        return CropsEvaluation(crops: perCrop.count, figures: ClassificationFigures(tally), seconds: secondsSince(start), perImage: perCrop, tally: tally, skipped: skipped)
    }
}

/// `parkwatch eval counts`: only the vehicle detector.
public struct CountEvaluator: Sendable {
    let detector: any VehicleCounter

    public init(detector: any VehicleCounter) {
        self.detector = detector
    }

    /// Images with their expected vehicle counts in `counts.csv` (`file,count`).
    public func counts(in folder: URL, progress: EvaluationProgress = { _, _ in }) async throws -> CountsEvaluation {
        let start = ContinuousClock.now
        var perImage: [CountsEvaluation.Image] = []
        let (rows, problems) = try EvaluationFiles.expectedCounts(in: folder)
        var skipped = problems
        for (index, (name, expected)) in rows.enumerated() {
            defer { progress(index + 1, rows.count) }
            guard let image = await decodeOrSkip(folder.appendingPathComponent(name), into: &skipped) else { continue }
            let found = try await detector.detect(image).vehicles
            perImage.append(.init(file: name, expected: expected, found: found))
        }
        return CountsEvaluation(perImage: perImage, seconds: secondsSince(start), skipped: skipped)
    }
}

/// A file that is missing or not an image is named in `skipped`, not thrown: the rest still count.
private func decodeOrSkip(_ file: URL, into skipped: inout [SkippedFile]) async -> Image? {
    do {
        return try await Image.decode(try Data(contentsOf: file))
    } catch {
        skipped.append(SkippedFile(file: file.path, reason: "\(error)"))
        return nil
    }
}

private func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    rounded((ContinuousClock.now - start).inSeconds)
}

extension ParkingSpace {
    /// The whole of a crop that is one space.
    static func wholeImage(width: Int, height: Int) -> ParkingSpace {
        let (w, h) = (Double(width - 1), Double(height - 1))
        return ParkingSpace(id: "crop", name: nil, zone: nil, polygon: [Point(x: 0, y: 0), Point(x: w, y: 0), Point(x: w, y: h), Point(x: 0, y: h)])
    }
}
