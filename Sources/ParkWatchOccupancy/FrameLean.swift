/// How far a frame whose spaces read mostly taken leans its missing boxes towards taken. The
/// prior weighs a missing box as the detector's miss in a lot of the usual mix; in a full lot
/// cars hide one another and the detector misses more of them (the box-centre rule misses 21 of
/// the dense frames' 282 cars, 9 of the half-full frames' 128), so there a missing box says
/// less. A mostly free frame leans nothing: its doubtful spaces are far free ones the missing
/// box must still veto (docs/occupancy.md).
package enum FrameLean {
    /// The log-odds added to each space of the frame whose box is missing: `fullFramePull` times
    /// the logit of the frame's share taken, where that is over one half. `odds`: the fused
    /// log-odds of the spaces read afresh; `kept`: the probabilities of the spaces kept from the
    /// frame before.
    package static func lean(odds: [Double], kept: [Double], settings: SpaceDecisionSettings) -> Double {
        guard odds.count + kept.count >= settings.fullFrameSpaces, !odds.isEmpty else { return 0 }
        return max(0, settings.fullFramePull * logit(share(odds: odds, kept: kept)))
    }

    /// The frame's share of spaces taken: the fixed point where it equals the mean probability
    /// of its spaces weighed with it as their prior (the EM of Saerens, Latinne and Decaestecker,
    /// 2002, for a class prior that differs between a model's training data and a new scene),
    /// kept within 0.02-0.98.
    static func share(odds: [Double], kept: [Double]) -> Double {
        let count = Double(odds.count + kept.count)
        let settled = kept.reduce(0, +)
        var shift = 0.0
        for _ in 0..<30 {
            let share = (odds.reduce(settled) { $0 + sigmoid($1 + shift) }) / count
            shift = logit(min(max(share, 0.02), 0.98))
        }
        return sigmoid(shift)
    }
}
