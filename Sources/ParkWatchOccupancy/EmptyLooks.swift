import Foundation

/// How each space of a camera looks when it is empty, learned from the camera's own frames
/// without labels: the crops of frames where the detector vouches the space is free (a view
/// with depth, no box touching it). A look counts once it has come back on `matureDays`
/// different days: the empty asphalt of a space returns day after day, a vehicle the detector
/// missed rarely does. A space whose crop matches one of its looks is evidence of "free" that
/// does not depend on the classifier, which on a new camera calls some free spaces occupied,
/// nor on the detector's boxes, which a neighbour's car spills over the space. A camera's labelled
/// frames give looks too (`learnLabelled`), which count at once.
package struct EmptyLooks: Sendable, Equatable, Codable {
    package struct Look: Sendable, Equatable, Codable {
        /// `side` x `side` grey levels, zero-mean with unit root-mean-square.
        package var pixels: [Float]
        /// Frames that matched it.
        package var seen: Double
        /// Distinct days (days since 1970) it was seen on, the latest `matureDays` kept.
        package var days: [Int]
        /// A person labelled the space free in the frames it comes from: it counts at once.
        package var labelled = false

        enum CodingKeys: String, CodingKey { case pixels, seen, days, labelled }

        init(pixels: [Float], seen: Double, days: [Int], labelled: Bool = false) {
            self.pixels = pixels
            self.seen = seen
            self.days = days
            self.labelled = labelled
        }

        /// It has come back on `matureDays` days, or a label vouches for it.
        var counts: Bool { labelled || days.count >= EmptyLooks.matureDays }

        /// Pixels are stored as signed bytes (steps of 1/32 of the RMS), so a camera's looks stay small.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let bytes = Data(base64Encoded: try container.decode(String.self, forKey: .pixels)) ?? Data()
            pixels = bytes.map { Float(Int8(bitPattern: $0)) / 32 }
            seen = try container.decode(Double.self, forKey: .seen)
            days = try container.decode([Int].self, forKey: .days)
            labelled = try container.decodeIfPresent(Bool.self, forKey: .labelled) ?? false
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let bytes = pixels.map { UInt8(bitPattern: Int8(EmptyLooks.quantised($0) * 32)) }
            try container.encode(Data(bytes).base64EncodedString(), forKey: .pixels)
            try container.encode(seen, forKey: .seen)
            try container.encode(days, forKey: .days)
            if labelled { try container.encode(labelled, forKey: .labelled) }
        }
    }

    /// Each space's looks, by space id.
    package private(set) var spaces: [String: [Look]] = [:]

    /// Side of the compared grey crop: enough for lines, kerbs and stains, little for noise.
    package static let side = 16
    /// Looks kept per space: the light of morning, noon, dusk, overcast, wet asphalt.
    static let perSpace = 6
    /// Correlation at which a crop is the same look (and updates it).
    static let sameLook = 0.85
    /// Correlation at which a crop "looks empty". On the dev camera's labelled frames, against
    /// looks learned from its other days, free spaces reach it 60% of the time, occupied ones never
    /// (their best: 0.51).
    package static let looksEmpty = 0.7
    /// Days a look must come back on before it counts.
    static let matureDays = 2
    /// The least share of a crop left visible (`HiddenCells`) that is still compared.
    static let leastVisible = 0.5

    package init() {}

    /// The day (since 1970, UTC) a capture time in seconds since 1970 falls on: the unit in which
    /// a look must come back.
    package static func day(ofSeconds seconds: Double) -> Int { Int((seconds / 86_400).rounded(.down)) }

    /// The best correlation of `crop` (zero-mean grey, `side`² or (2·`side`)² pixels) with the
    /// space's mature looks, over its `visible` cells (nil: all); nil when it has no look yet or
    /// too little of it is visible.
    package func similarity(of crop: [Float], space: String, visible: [Bool]? = nil) -> Double? {
        guard let looks = spaces[space]?.filter(\.counts), !looks.isEmpty,
              let pixels = Self.normalised(crop) else { return nil }
        guard let visible else { return looks.map { Self.correlation($0.pixels, pixels) }.max() }
        guard visible.count == pixels.count, Double(visible.filter { $0 }.count) >= Self.leastVisible * Double(visible.count),
              let seen = Self.normalised(Self.cells(pixels, visible)) else { return nil }
        return looks.compactMap { look in Self.normalised(Self.cells(look.pixels, visible)).map { Self.correlation($0, seen) } }.max()
    }

    /// Which of the spaces in `among` have a crop that looks empty (`looksEmpty`), each compared
    /// over its `visible` cells where a box standing elsewhere hides part of it.
    package func matching(_ crops: [String: [Float]], among ids: Set<String>, visible: [String: [Bool]] = [:]) -> Set<String> {
        ids.filter { id in
            guard let crop = crops[id], let score = similarity(of: crop, space: id, visible: visible[id]) else { return false }
            return score >= Self.looksEmpty
        }
    }

    static func cells(_ pixels: [Float], _ visible: [Bool]) -> [Float] {
        zip(pixels, visible).compactMap { $1 ? $0 : nil }
    }

    /// Learns the crops of the spaces the detector vouches are free in a frame taken on `day`.
    package mutating func learn(_ crops: [String: [Float]], free: Set<String>, day: Int) {
        for id in free {
            guard let crop = crops[id], let pixels = Self.normalised(crop) else { continue }
            spaces[id] = Self.learn(pixels, into: spaces[id] ?? [], day: day)
        }
    }

    /// Learns the crops of the spaces a person labelled free in one frame: each is a look at once
    /// (`Look.labelled`), as a label needs no second day to vouch for it. A crop like a labelled
    /// look already kept moves that look towards it; the least seen labelled look makes room
    /// beyond `perSpace`.
    package mutating func learnLabelled(_ crops: [String: [Float]], free: Set<String>) {
        for id in free {
            guard let crop = crops[id], let pixels = Self.normalised(crop) else { continue }
            var looks = spaces[id] ?? []
            if let best = Self.sameLook(as: pixels, among: looks) {
                let seen = Float(looks[best].seen)
                looks[best].pixels = Self.normalised(zip(looks[best].pixels, pixels).map { (seen * $0 + $1) / (seen + 1) }) ?? looks[best].pixels
                looks[best].seen += 1
            } else {
                looks.append(Look(pixels: pixels, seen: 1, days: [], labelled: true))
                if looks.count > Self.perSpace, let weakest = looks.indices.min(by: { looks[$0].seen < looks[$1].seen }) {
                    looks.remove(at: weakest)
                }
            }
            spaces[id] = looks
        }
    }

    /// These looks and `other`'s together, each space's side by side: a camera's labelled looks
    /// beside those its unlabelled frames taught.
    package func merging(_ other: EmptyLooks) -> EmptyLooks {
        var merged = self
        merged.spaces.merge(other.spaces) { $0 + $1 }
        return merged
    }

    /// The space's looks after one more empty crop: the look it matches moves towards it, else it
    /// becomes a new look in place of the least seen of the young ones (or of all, when all are mature).
    static func learn(_ pixels: [Float], into looks: [Look], day: Int) -> [Look] {
        var looks = looks
        if let best = sameLook(as: pixels, among: looks) {
            var look = looks[best]
            look.pixels = normalised(zip(look.pixels, pixels).map { 0.9 * $0 + 0.1 * $1 }) ?? look.pixels
            look.seen += 1
            if !look.days.contains(day) { look.days = Array((look.days + [day]).suffix(matureDays)) }
            looks[best] = look
            return looks
        }
        let fresh = Look(pixels: pixels, seen: 1, days: [day])
        guard looks.count >= perSpace else { return looks + [fresh] }
        let young = looks.indices.filter { looks[$0].days.count < matureDays }
        let candidates = young.isEmpty ? Array(looks.indices) : young
        if let weakest = candidates.min(by: { looks[$0].seen < looks[$1].seen }) { looks[weakest] = fresh }
        return looks
    }

    /// The index of the look `pixels` correlate with best, when that reaches `sameLook`.
    static func sameLook(as pixels: [Float], among looks: [Look]) -> Int? {
        let scores = looks.map { correlation($0.pixels, pixels) }
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] >= sameLook else { return nil }
        return best
    }

    /// The crop at `side` x `side` (a crop twice as large is averaged 2 x 2; other sizes, parts
    /// of a crop, are taken as they are), zero-mean with unit RMS; nil for a flat crop, which has no look.
    static func normalised(_ crop: [Float]) -> [Float]? {
        let pixels = crop.count == 4 * side * side ? halved(crop, side: 2 * side) : crop
        guard !pixels.isEmpty else { return nil }
        let mean = pixels.reduce(0, +) / Float(pixels.count)
        let rms = (pixels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(pixels.count)).squareRoot()
        guard rms > 1e-3 else { return nil }
        return pixels.map { quantised(($0 - mean) / rms) }
    }

    /// To the 1/32 steps the stored form keeps, so a look read back from the store is the look learned.
    static func quantised(_ value: Float) -> Float {
        max(-127, min(127, (value * 32).rounded())) / 32
    }

    static func halved(_ crop: [Float], side large: Int) -> [Float] {
        let small = large / 2
        var result = [Float](repeating: 0, count: small * small)
        for y in 0..<small {
            for x in 0..<small {
                let top = 2 * y * large + 2 * x, bottom = top + large
                result[y * small + x] = (crop[top] + crop[top + 1] + crop[bottom] + crop[bottom + 1]) / 4
            }
        }
        return result
    }

    /// Pearson correlation of two normalised crops.
    static func correlation(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return -1 }
        var sum: Float = 0
        for index in a.indices { sum += a[index] * b[index] }
        return Double(sum) / Double(a.count)
    }
}
