import Foundation

/// What one frame shows about one space, as the fusion weighs it.
package struct SpaceEvidence: Sendable, Equatable, Codable {
    /// The classifier's logit for "occupied", tempered and capped: on a camera it never saw it is
    /// surer than it is right (model card: 75-95% zero-shot at p = 0.98-0.999).
    package var classifier: Double
    /// A vehicle box stands in this space: its vertical centre line falls inside the polygon more
    /// than inside any other space's, and the box is large enough to be a vehicle parked here.
    package var anchored: Bool
    /// A view with depth (or a space the classifier doubts in a frame that does not look from
    /// above: `FrameEvidence.doubtJudged`) and no box touching the space, not even a faint one: a
    /// vehicle parked there would have been boxed.
    package var unboxed: Bool
    /// log2 of how much smaller than the layout's median space this one is (0 for median or
    /// larger): far spaces, where a small car is more easily missed.
    package var smallness: Double
    /// The frame is blind (`SpaceDecisionSettings.blindSure`): one of the two models is broken.
    package var blindFrame: Bool
    /// A vehicle box's centre lies inside the space: the box-centre rule's verdict, which settles
    /// a space the weighed evidence leaves undecided; a centre inside overlapping outlines counts
    /// for one of them (`BoxAssignment.centredInLikeliest`). Not weighed itself. nil where no detector
    /// looked (a crop judged alone): nothing settles it then.
    package var centred: Bool?
    /// The space's crop matches how the camera has seen it empty on other days (`EmptyLooks`),
    /// whether or not a box stands in it: a parked car's crop does not match, so a box standing
    /// on ground that does is the detector's false alarm on a patch it boxes day after day.
    package var looksEmpty: Bool
    /// How much of its weight a missing box carries in this frame, 0-1: less where the detector
    /// boxed few of the vehicles the classifier is sure of (`FrameEvidence.missingBoxWeight`).
    package var missingBoxWeight: Double
    /// Log-odds added to a space whose box is missing in a frame read mostly taken (`FrameLean`);
    /// not a fitted weight.
    package var lean: Double
    /// The detector sees this frame's parked cars as it learnt to: a view with depth or a side
    /// view (`FrameEvidence.doubtJudged`), read as taken (not lifted, stretched or sharpened).
    package var boxesSeeCars = false
    /// The frame reads mostly taken (`FrameLean`): cars hide one another, and the detector misses more of them.
    package var fullFrame = false

    package init(
        classifier: Double = 0, anchored: Bool = false, unboxed: Bool = false, smallness: Double = 0, blindFrame: Bool = false,
        centred: Bool? = nil, looksEmpty: Bool = false, missingBoxWeight: Double = 1, lean: Double = 0, boxesSeeCars: Bool = false
    ) {
        self.lean = lean
        self.boxesSeeCars = boxesSeeCars
        self.centred = centred
        self.looksEmpty = looksEmpty
        self.missingBoxWeight = missingBoxWeight
        self.classifier = classifier
        self.anchored = anchored
        self.unboxed = unboxed
        self.smallness = smallness
        self.blindFrame = blindFrame
    }

    /// No box touches the space and the missing box weighs in full: the frame's own recall is not
    /// measured low (`missingBoxWeight`) and the frame is not read mostly taken (`lean`). Only
    /// then does the missing box vouch for a free space to the camera's history: at dusk or in a
    /// full lot the detector misses cars, and a missed car taught as free ground would teach the
    /// history to doubt the classifier where it is right, and the car's look as the space's empty one.
    package var vouchedFree: Bool { unboxed && missingBoxWeight >= 1 && lean == 0 }

    /// Only the classifier weighs: no box stands in the space, none is missing, its crop matches
    /// no empty look (a box spilling over it, a faint box over it).
    package var classifierAlone: Bool { !anchored && !unboxed && !looksEmpty }

    /// A detector sees this frame's cars as it learnt to (`boxesSeeCars`) and the frame is not
    /// mostly taken, where cars hide one another.
    package var detectorTrusted: Bool { boxesSeeCars && !fullFrame }

    /// The classifier's probability as evidence: logit / temperature, within ± the trust's logit.
    /// `alone` (no detector looked): the network's own logit, untempered. The temperature weighs
    /// the classifier against boxes, which carry over to a new camera better; alone, nothing is
    /// weighed, and its probability is calibrated on cameras it never saw (model card: the
    /// temperature that fits its leave-one-out folds is 0.95), so it is the verdict as it is.
    package static func classifier(_ probability: Double, settings: SpaceDecisionSettings, alone: Bool = false) -> Double {
        let p = min(max(probability, 1e-6), 1 - 1e-6)
        let cap = logit(settings.classifierTrust)
        let temperature = alone ? 1 : settings.classifierTemperature
        return min(max(log(p / (1 - p)) / temperature, -cap), cap)
    }

    /// The fusion's inputs in `FusionWeights` order: 1, classifier, anchored, unboxed, unboxed x smallness, looks empty;
    /// the unboxed terms scaled by the frame's `missingBoxWeight`.
    var features: [Double] {
        let missing = unboxed ? missingBoxWeight : 0
        return [1, classifier, anchored ? 1 : 0, missing, missing * smallness, looksEmpty ? 1 : 0]
    }
}

/// How a camera weighs its evidence, in log-odds of "occupied". `prior(settings:)` is every new
/// camera's; `FusionFit` moves it with the camera's own labels.
package struct FusionWeights: Sendable, Equatable, Codable {
    package var bias: Double
    package var classifier: Double
    package var anchored: Double
    package var unboxed: Double
    /// How much of `unboxed` small (far) spaces give back: 0 until a camera's labels show the
    /// detector missing its far cars.
    package var unboxedSmall: Double
    /// The crop matches one of the space's empty looks (`EmptyLooks`).
    package var emptyLook: Double

    enum CodingKeys: String, CodingKey {
        case bias, classifier, anchored, unboxed
        case unboxedSmall = "unboxed_small"
        case emptyLook = "empty_look"
    }

    package init(bias: Double, classifier: Double, anchored: Double, unboxed: Double, unboxedSmall: Double, emptyLook: Double = Self.emptyLookPrior) {
        self.bias = bias
        self.classifier = classifier
        self.anchored = anchored
        self.unboxed = unboxed
        self.unboxedSmall = unboxedSmall
        self.emptyLook = emptyLook
    }

    /// Weights stored before the camera had empty looks keep the prior's weight for them.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            bias: try container.decode(Double.self, forKey: .bias), classifier: try container.decode(Double.self, forKey: .classifier),
            anchored: try container.decode(Double.self, forKey: .anchored), unboxed: try container.decode(Double.self, forKey: .unboxed),
            unboxedSmall: try container.decode(Double.self, forKey: .unboxedSmall),
            emptyLook: try container.decodeIfPresent(Double.self, forKey: .emptyLook) ?? Self.emptyLookPrior)
    }

    /// A crop matching its space's empty look is occupied about as rarely as a space no box
    /// touches in a depth view (on the dev camera: none of its occupied spaces matched).
    package static let emptyLookPrior = log(0.05)

    /// No bias, the tempered classifier as it is, a box standing in the space worth the detector's
    /// precision, a missing box in a depth view worth its recall. Both detector terms outweigh the
    /// capped classifier: boxes from a COCO detector carry over to a new camera, the classifier's
    /// reading of a crop does not.
    package static func prior(settings: SpaceDecisionSettings) -> FusionWeights {
        FusionWeights(
            bias: 0, classifier: 1, anchored: logit(settings.boxPrecision),
            unboxed: log(1 - settings.detectorRecall), unboxedSmall: 0)
    }

    package func logOdds(_ evidence: SpaceEvidence) -> Double {
        zip(vector, evidence.features).reduce(evidence.lean) { $0 + $1.0 * $1.1 }
    }

    var vector: [Double] { [bias, classifier, anchored, unboxed, unboxedSmall, emptyLook] }

    /// The form `camera_fusion.weights` stores.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    package init(json: String) throws {
        self = try JSONDecoder().decode(FusionWeights.self, from: Data(json.utf8))
    }

    init(vector: [Double]) {
        self.init(
            bias: vector[0], classifier: vector[1], anchored: vector[2], unboxed: vector[3], unboxedSmall: vector[4], emptyLook: vector[5])
    }
}

func logit(_ probability: Double) -> Double { log(probability / (1 - probability)) }

func sigmoid(_ logOdds: Double) -> Double { 1 / (1 + exp(-logOdds)) }
