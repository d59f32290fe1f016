import Foundation
import ParkWatchImageFiles
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

/// `parkwatch replay`: one camera's frames, in capture order, through the photo path's reader,
/// timed; nothing is stored or moved. Times are wall-clock milliseconds per photo, decode included.
package struct ReplayReport: Sendable, Encodable {
    package var photos: Int
    package var medianMs: Double
    package var p90Ms: Double
    package var maxMs: Double
    package var photosPerSecond: Double
    /// Spaces the classifier read, over all spaces of all photos.
    package var reclassifiedShare: Double
    /// Detector network passes over the whole replay (whole frame and tiles; 0 for a photo the gate let through untouched).
    package var detectorPasses: Int
    /// Mean milliseconds per photo in each stage: decode, detect, spaces.
    package var perStageMs: [String: Double]
    /// The photos in which at most `FewChanges.limit` spaces were re-read, and their median: the
    /// steady camera's usual photo, which the speed goal is about.
    package var fewChanges: FewChanges
    /// The photos in which every space was re-read: a camera's first, the scheduled ones, and
    /// those whose whole view changed; every photo when not gated.
    package var fullPasses: FullPasses
    /// Each photo's space states in layout order, one letter a space as `raw_states` spells
    /// them (o occupied, f free, u unknown), to compare a gated replay with a full one.
    package var states: [String]
    package var skipped: [SkippedFile]

    enum CodingKeys: String, CodingKey {
        case photos, states
        case medianMs = "median_ms", p90Ms = "p90_ms", maxMs = "max_ms", photosPerSecond = "photos_per_second"
        case reclassifiedShare = "reclassified_share", detectorPasses = "detector_passes", perStageMs = "per_stage_ms"
        case fewChanges = "few_changes", fullPasses = "full_passes"
    }
}

package struct FullPasses: Sendable, Encodable {
    package var photos: Int
    package var medianMs: Double
    package var p90Ms: Double
    package var maxMs: Double
    /// Network passes per such photo: 1 for the whole frame, plus one per tile looked at.
    package var meanDetectorPasses: Double

    enum CodingKeys: String, CodingKey {
        case photos, medianMs = "median_ms", p90Ms = "p90_ms", maxMs = "max_ms", meanDetectorPasses = "mean_detector_passes"
    }

    init(milliseconds: [Double], passes: Int) {
        photos = milliseconds.count
        (medianMs, p90Ms, maxMs) = ReplayRun.spread(milliseconds)
        meanDetectorPasses = photos == 0 ? 0 : rounded(Double(passes) / Double(photos))
    }
}

package struct FewChanges: Sendable, Encodable {
    package static let limit = 3
    package var photos: Int
    package var medianMs: Double
    /// Those of them in which at least one space was re-read.
    package var changedPhotos: Int
    package var changedMedianMs: Double

    enum CodingKeys: String, CodingKey {
        case photos, medianMs = "median_ms", changedPhotos = "changed_photos", changedMedianMs = "changed_median_ms"
    }

    init(unchanged: [Double], changed: [Double]) {
        photos = unchanged.count + changed.count
        medianMs = rounded(ReplayRun.percentile(0.5, of: (unchanged + changed).sorted()))
        changedPhotos = changed.count
        changedMedianMs = rounded(ReplayRun.percentile(0.5, of: changed.sorted()))
    }
}

package struct Replayer: Sendable {
    let reader: FrameReader
    let layout: LotLayout

    /// `reader` decides what is measured: `.photos(gate:)` as the service reads photos, or
    /// `.photos` for every space of every photo.
    package init(reader: FrameReader, layout: LotLayout) {
        self.reader = reader
        self.layout = layout
    }

    /// Images under `folder` in file-name order; each one's capture time (EXIF, else its name,
    /// else its file time) is the gate's clock.
    package func replay(_ folder: URL, progress: EvaluationProgress = { _, _ in }) async throws -> ReplayReport {
        let images = ImageFolder.images(under: folder).sorted { $0.lastPathComponent < $1.lastPathComponent }
        var run = ReplayRun()
        let start = ContinuousClock.now
        for (index, file) in images.enumerated() {
            defer { progress(index + 1, images.count) }
            try await replayOne(file, into: &run)
        }
        return run.report(seconds: secondsSince(start))
    }

    private func replayOne(_ file: URL, into run: inout ReplayRun) async throws {
        let started = ContinuousClock.now
        let data: Data
        let image: Image
        do {
            data = try Data(contentsOf: file)
            image = try await Image.decode(data)
        } catch {
            return run.skipped.append(SkippedFile(file: file.path, reason: "\(error)"))
        }
        let decodeMs = (ContinuousClock.now - started).inMilliseconds
        let time = EvaluationFiles.captureSeconds(of: file, data: data)
        let reading = try await reader.read(image, camera: "replay", layout: layout, at: time)
        if let failure = reading.spacesFailure { throw EvaluationError.spacesFailed(reason: failure) }
        run.add(reading, decodeMs: decodeMs, totalMs: (ContinuousClock.now - started).inMilliseconds)
    }
}

/// What a replay has gathered so far.
struct ReplayRun {
    var milliseconds: [Double] = []
    var (unchangedMilliseconds, fewChangesMilliseconds): ([Double], [Double]) = ([], [])
    var (fullPassMilliseconds, fullPassPasses): ([Double], Int) = ([], 0)
    var stageTotals: [String: Double] = ["decode": 0, "detect": 0, "spaces": 0]
    var (reclassified, spaces, passes) = (0, 0, 0)
    var states: [String] = []
    var skipped: [SkippedFile] = []

    mutating func add(_ reading: FrameReading, decodeMs: Double, totalMs: Double) {
        milliseconds.append(totalMs)
        if reading.reclassified == 0 {
            unchangedMilliseconds.append(totalMs)
        } else if reading.reclassified <= FewChanges.limit, reading.reclassified < reading.decisions.count {
            fewChangesMilliseconds.append(totalMs)
        } else if reading.reclassified == reading.decisions.count {
            fullPassMilliseconds.append(totalMs)
            fullPassPasses += reading.detectorPasses
        }
        stageTotals["decode", default: 0] += decodeMs
        stageTotals["detect", default: 0] += reading.detectMs ?? 0
        stageTotals["spaces", default: 0] += reading.spacesMs ?? 0
        reclassified += reading.reclassified
        spaces += reading.decisions.count
        passes += reading.detectorPasses
        states.append(String(reading.decisions.map { OccupancyRecords.code($0.state) }))
    }

    func report(seconds: Double) -> ReplayReport {
        let (median, p90, maxMs) = Self.spread(milliseconds)
        let count = Double(max(milliseconds.count, 1))
        let few = FewChanges(unchanged: unchangedMilliseconds, changed: fewChangesMilliseconds)
        return ReplayReport(
            photos: milliseconds.count, medianMs: median, p90Ms: p90, maxMs: maxMs,
            photosPerSecond: seconds > 0 ? rounded(Double(milliseconds.count) / seconds) : 0,
            reclassifiedShare: spaces > 0 ? rounded(Double(reclassified) / Double(spaces)) : 0, detectorPasses: passes,
            perStageMs: stageTotals.mapValues { rounded($0 / count) }, fewChanges: few,
            fullPasses: FullPasses(milliseconds: fullPassMilliseconds, passes: fullPassPasses), states: states, skipped: skipped)
    }

    /// Median, 90th percentile and maximum of `milliseconds`, rounded.
    static func spread(_ milliseconds: [Double]) -> (median: Double, p90: Double, max: Double) {
        let sorted = milliseconds.sorted()
        return (rounded(percentile(0.5, of: sorted)), rounded(percentile(0.9, of: sorted)), rounded(sorted.last ?? 0))
    }

    static func percentile(_ share: Double, of sorted: [Double]) -> Double {
        sorted.isEmpty ? 0 : sorted[Int((Double(sorted.count - 1) * share).rounded())]
    }
}

/// `parkwatch replay --compare`: the same frames gated and in full, and the share of space
/// readings (photos x spaces) on which the two agree.
package struct ReplayComparison: Sendable, Encodable {
    package var gated: ReplayReport
    package var full: ReplayReport
    package var agreement: Double?

    package init(gated: ReplayReport, full: ReplayReport) {
        self.gated = gated
        self.full = full
        let pairs = zip(gated.states.joined(), full.states.joined())
        let total = pairs.reduce(0) { count, _ in count + 1 }
        agreement = total == 0 ? nil : rounded(Double(pairs.filter { $0.0 == $0.1 }.count) / Double(total))
    }
}
