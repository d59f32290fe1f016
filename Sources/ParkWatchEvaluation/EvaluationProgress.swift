/// Told (items done, items in all) after each item, so a long run can show how far it is.
package typealias EvaluationProgress = (_ done: Int, _ total: Int) -> Void

/// How far an evaluation is, in words: "1200/12417 images, about 9 min left".
package enum ProgressText {
    /// The time left assumes the remaining items take as long as the ones done so far.
    package static func line(done: Int, total: Int, noun: String, elapsed: Duration) -> String {
        let counted = "\(done)/\(total) \(noun)"
        guard done > 0, done < total else { return counted }
        let left = elapsed.inSeconds / Double(done) * Double(total - done)
        return counted + ", about " + (left < 90 ? "\(Int(left.rounded(.up))) s" : "\(Int((left / 60).rounded())) min") + " left"
    }
}
