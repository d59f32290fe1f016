import Foundation
import Yams

/// A range a number must fall in, with the words that explain it in an error.
struct NumberRule: Sendable {
    let accepts: @Sendable (Double) -> Bool
    let wording: String

    static let unitInterval = NumberRule(accepts: { (0...1).contains($0) }, wording: "between 0 and 1")
    static let positive = NumberRule(accepts: { $0 > 0 }, wording: "greater than 0")
    static let nonNegative = NumberRule(accepts: { $0 >= 0 }, wording: "0 or more")
    // Past 0.9 the tile grid clamps the overlap, so a larger value would not do what it says.
    static let tileOverlap = NumberRule(accepts: { (0...0.9).contains($0) }, wording: "between 0 and 0.9")
}

/// Typed reads. Each returns nil after reporting when the value is unusable, so callers keep the
/// default and the walk goes on to find the next problem.
extension Field {
    /// Text, including plain numbers (`lot: 2024`) since YAML types those implicitly.
    func text() -> String? {
        guard case .scalar(let scalar) = node else {
            fail("must be text (got \(shown))")
            return nil
        }
        if node.hasTag(.bool) {
            // `lot: no` reads as false in YAML 1.1; say how to keep the word.
            fail("must be text (got \(shown), which YAML reads as true/false; put it in quotes)")
            return nil
        }
        return scalar.string
    }

    func nonEmptyText() -> String? {
        guard let value = text() else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail("must not be empty")
            return nil
        }
        return value
    }

    func number(_ rule: NumberRule) -> Double? {
        let value: Double? = if node.hasTag(.int) { node.int.map(Double.init) }
            else if node.hasTag(.float) { node.float } else { nil }
        guard let value, value.isFinite else {
            fail("must be a number (got \(shown))")
            return nil
        }
        guard rule.accepts(value) else {
            fail("must be \(rule.wording) (got \(node.scalar?.string ?? ""))")
            return nil
        }
        return value
    }

    func wholeNumber(in range: ClosedRange<Int>) -> Int? {
        guard node.hasTag(.int), let value = node.int else {
            fail("must be a whole number (got \(shown))")
            return nil
        }
        guard range.contains(value) else {
            let wording = range.upperBound == .max
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            fail("must be \(wording) (got \(value))")
            return nil
        }
        return value
    }

    func flag() -> Bool? {
        guard node.hasTag(.bool), let value = node.bool else {
            fail("must be true or false (got \(shown))")
            return nil
        }
        return value
    }

    func choice(of choices: [String]) -> String? {
        guard let value = text() else { return nil }
        guard choices.contains(value) else {
            fail("must be one of \(choices.joined(separator: ", ")) (got `\(value)`)")
            return nil
        }
        return value
    }

    /// An IANA zone id such as `Europe/Paris` or `UTC`.
    func timeZone() -> TimeZone? {
        guard let name = text() else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            fail("unknown time zone `\(name)` (use an IANA id such as UTC or America/Sao_Paulo)")
            return nil
        }
        return zone
    }

    /// A path, made absolute against the config file's folder.
    func path(base: URL) -> String? {
        nonEmptyText().map { PathResolver.absolute($0, base: base) }
    }

    /// A camera or lot id. The inbox turns folder names into `[A-Za-z0-9._-]` and strips leading dots,
    /// so any other id could never match a folder.
    func identifier() -> String? {
        guard let value = text() else { return nil }
        guard Self.isValidIdentifier(value) else {
            fail(Self.identifierProblem(value))
            return nil
        }
        return value
    }

    static func isValidIdentifier(_ id: String) -> Bool {
        (1...64).contains(id.count) && !id.hasPrefix(".")
            && id.unicodeScalars.allSatisfy { $0.isASCII && identifierCharacters.contains($0) }
    }

    static func identifierProblem(_ id: String) -> String {
        "`\(id)` is not a valid id: use 1 to 64 of A-Z a-z 0-9 . _ - and do not start with a dot"
    }

    private static let identifierCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
}
