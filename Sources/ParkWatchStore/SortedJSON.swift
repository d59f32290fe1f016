import Foundation

/// A flat JSON object with sorted keys and no escaped slashes: the same fields always make the
/// same bytes, so a webhook body's signature or a retained MQTT payload compares as text.
package enum SortedJSON {
    package static func string(_ fields: [String: any Sendable]) -> String {
        let object: [String: Any] = fields
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
