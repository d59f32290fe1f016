import Foundation
import ParkWatchSpaces
import ParkWatchVision

/// What the boxes of one frame say about each space of its layout.
struct FrameEvidence {
    let settings: SpaceDecisionSettings
    /// A detector looked, and the layout has depth or the frame is a side view (`boxesVehicles`,
    /// or the camera's history says so): a missing box is evidence.
    let depth: Bool
    /// A frame of a layout without depth (and without `view`) that does not look as a frame from
    /// straight above does (`looksBlind`): a missing box is evidence against the spaces the
    /// classifier is not sure of. From above COCO detectors box nothing while the classifier is
    /// sure of most cars; elsewhere its doubtful readings (p 0.7-0.9 of empty spaces on a camera
    /// it never saw) meet the missing box, as the box-centre rule reads them, and the spaces it is
    /// sure of keep its verdict.
    let doubtJudged: Bool
    let coverages: [Double]
    /// No box touches the space, not even a faint one.
    let untouched: [Bool]
    /// The highest score of the boxes standing in each space; nil: none.
    let anchorScores: [Double?]
    /// See `FrameDecider.decisions`.
    let corrected: Bool
    /// A box's centre lies inside the space (`BoxAssignment.centredInLikeliest`); nil where no detector looked.
    let centred: [Bool?]
    let smallness: [Double]
    /// See `SpaceDecisionSettings.blindSure`.
    let blind: Bool
    /// See `missingBoxWeight(anchored:probabilities:measured:settings:)`.
    let missingBoxWeight: Double

    /// `corrected`: see `FrameDecider.decisions`; only such a frame measures its own recall.
    init(
        layout: LotLayout, boxes looked: [VehicleBox]?, faint: [VehicleBox] = [], probabilities: [Double], sideView: Bool = false,
        corrected: Bool = false, settings: SpaceDecisionSettings
    ) {
        let boxes = looked ?? []
        self.settings = settings
        let areas = layout.spaces.map { PolygonGeometry.area($0.polygon) }
        let covers = Self.covers(layout, areas: areas, boxes: boxes)
        coverages = covers.map { $0.max() ?? 0 }
        smallness = Self.smallness(areas: areas)
        let homes = boxes.map { BoxAssignment.space(of: $0, spaces: layout.spaces, areas: areas) }
        let own = Self.ownCoverages(layout, areas: areas, homes: homes, covers: covers, settings: settings)
        untouched = Self.untouched(layout, areas: areas, coverages: own, smallness: smallness, faint: faint, settings: settings)
        anchorScores = BoxAssignment.anchorScores(boxes, homes: homes, areas: areas, settings: settings)
        let anchored = anchorScores.map { $0 != nil }
        self.corrected = corrected
        depth = looked != nil && (SpaceDecider.hasDepth(layout, settings: settings)
            || (layout.view == nil && (sideView || Self.boxesVehicles(anchored: anchored, probabilities: probabilities, settings: settings))))
        doubtJudged = looked != nil && !depth && layout.view == nil && !Self.looksBlind(probabilities, settings: settings)
        centred = looked == nil
            ? layout.spaces.map { _ in nil } : BoxAssignment.centredInLikeliest(boxes, spaces: layout.spaces, probabilities: probabilities)
        blind = depth && boxes.isEmpty && !probabilities.isEmpty && Self.looksBlind(probabilities, settings: settings)
        let spilledOver = zip(coverages, own).map { $0 >= settings.touchCoverage && $1 < settings.touchCoverage }
        missingBoxWeight = corrected
            ? Self.missingBoxWeight(anchored: anchored, probabilities: probabilities, measured: spilledOver.map { !$0 }, settings: settings) : 1
    }

    func evidence(of index: Int, probability: Double) -> SpaceEvidence {
        SpaceEvidence(
            classifier: SpaceEvidence.classifier(probability, settings: settings, alone: centred[index] == nil),
            anchored: anchorScores[index] != nil && !doubtedBox(at: index, probability: probability),
            unboxed: untouched[index] && (depth || (doubtJudged && probability < settings.blindSure)), smallness: smallness[index], blindFrame: blind,
            centred: centred[index], missingBoxWeight: missingBoxWeight, boxesSeeCars: (depth || doubtJudged) && !corrected)
    }

    /// The boxes standing in the space are all doubtful and the classifier is sure it is free, in
    /// a frame read as taken (`SpaceDecisionSettings.doubtfulBox`): the space is weighed as if no
    /// box stood in it.
    func doubtedBox(at index: Int, probability: Double) -> Bool {
        guard !corrected, let score = anchorScores[index] else { return false }
        return score < settings.doubtfulBox && probability < settings.sureFree
    }

    /// How much a missing box counts in a dim or flat frame: the detector's recall here, measured
    /// on the spaces the classifier is sure of (the share a box stands in) and pulled towards the
    /// prior recall as if `recallPriorSpaces` more spaces had it, against the prior's, as the ratio
    /// of their log-odds of missing a car (at most 1). At night or in fog the detector boxes half
    /// the cars the classifier is sure of, and a missing box says less there; in a frame where it
    /// boxes fewer than `recallFromBoxed` of them (an empty lot, or a blind frame) nothing is
    /// measured. In a frame as taken the share is not asked: there the detector sees as it
    /// learnt to, and the sure spaces it leaves unboxed are mostly the classifier's false alarms
    /// (a new camera's far free spaces), which the missing box must still veto. Only the spaces
    /// `measured` count: a space only a box standing in an overlapping outline touches
    /// (`ownCoverages`) is left out, as the car the classifier sees there is mostly that neighbour's.
    static func missingBoxWeight(anchored: [Bool], probabilities: [Double], measured: [Bool], settings: SpaceDecisionSettings) -> Double {
        let sure = probabilities.indices.filter { measured[$0] && probabilities[$0] >= settings.blindSure }
        let boxed = sure.filter { anchored[$0] }.count
        let prior = settings.detectorRecall
        guard boxed >= settings.recallFromBoxed, prior < 1 else { return 1 }
        let recall = (Double(boxed) + settings.recallPriorSpaces * prior) / (Double(sure.count) + settings.recallPriorSpaces)
        return min(1, log(1 - recall) / log(1 - prior))
    }

    /// The detector boxes this frame's vehicles: they stand in at least `sideViewAnchors` spaces
    /// and in at least `sideViewShare` of those the classifier is sure of. A camera facing one row
    /// sees its spaces at one size, yet from the side, where COCO detectors box cars as in a view
    /// with depth; from straight above they box none.
    static func boxesVehicles(anchored: [Bool], probabilities: [Double], settings: SpaceDecisionSettings) -> Bool {
        let standing = anchored.filter { $0 }.count
        let sure = probabilities.filter { $0 >= settings.blindSure }.count
        return standing >= settings.sideViewAnchors && Double(standing) >= settings.sideViewShare * Double(sure)
    }

    /// The classifier is sure (`blindSure`) of at least `blindShare` of the spaces: with no box,
    /// a frame from straight above, or a broken model.
    static func looksBlind(_ probabilities: [Double], settings: SpaceDecisionSettings) -> Bool {
        Double(probabilities.filter { $0 >= settings.blindSure }.count) >= settings.blindShare * Double(probabilities.count)
    }

    /// Spaces no counted box touches (`coverages`: `ownCoverages`) and no faint box touches either,
    /// except, for spaces of median size or larger, a faint box that stands in another space: that
    /// one is the other space's (a car, or noise at dusk), not a sign of a car here. In the far
    /// rows a faint box over a car often stands in the space behind it, so there any faint box
    /// touching counts.
    static func untouched(
        _ layout: LotLayout, areas: [Double], coverages: [Double], smallness: [Double], faint: [VehicleBox], settings: SpaceDecisionSettings
    ) -> [Bool] {
        let homes = faint.map { BoxAssignment.space(of: $0, spaces: layout.spaces, areas: areas) }
        return layout.spaces.indices.map { index in
            let near = smallness[index] > 0 ? faint : zip(faint, homes).filter { $0.1 == nil || $0.1 == index }.map(\.0)
            return coverages[index] < settings.touchCoverage
                && bestCover(of: layout.spaces[index].polygon, area: areas[index], by: near) < settings.touchCoverage
        }
    }

    /// For each space, the largest share one box covers (of `covers`), leaving out boxes that
    /// stand in another space whose outline shares `sharedOutline` of this one's: a car spilling
    /// over a neighbour's overlapping outline is that neighbour's to judge by the classifier and
    /// its own missing box. `homes`: the space each box stands in (`BoxAssignment.space(of:spaces:areas:)`).
    static func ownCoverages(
        _ layout: LotLayout, areas: [Double], homes: [Int?], covers: [[Double]], settings: SpaceDecisionSettings
    ) -> [Double] {
        layout.spaces.indices.map { index in
            zip(covers[index], homes).map { cover, home in
                guard cover > 0, let home, home != index else { return cover }
                let shared = PolygonGeometry.intersectionArea(polygon: layout.spaces[index].polygon, convex: layout.spaces[home].polygon)
                return shared / areas[index] < settings.sharedOutline ? cover : 0
            }.max() ?? 0
        }
    }

    /// For each space, the share of it each box covers (0 for a space without area).
    static func covers(_ layout: LotLayout, areas: [Double], boxes: [VehicleBox]) -> [[Double]] {
        zip(layout.spaces, areas).map { space, area in
            boxes.map { area > 0 ? PolygonGeometry.intersectionArea(polygon: space.polygon, rect: ($0.x, $0.y, $0.w, $0.h)) / area : 0 }
        }
    }

    /// The largest share of the space (of `area`) one box covers.
    static func bestCover(of polygon: [Point], area: Double, by boxes: [VehicleBox]) -> Double {
        guard area > 0 else { return 0 }
        return boxes.map { PolygonGeometry.intersectionArea(polygon: polygon, rect: ($0.x, $0.y, $0.w, $0.h)) / area }.max() ?? 0
    }

    /// log2(median area / area), at least 0, for the spaces' `areas`.
    static func smallness(areas: [Double]) -> [Double] {
        let sorted = areas.sorted()
        guard let median = sorted.isEmpty ? nil : sorted[sorted.count / 2], median > 0 else { return areas.map { _ in 0 } }
        return areas.map { $0 > 0 ? max(0, log2(median / $0)) : 0 }
    }
}
