import Foundation

/// A URL as logs and summaries show it: without the user, password and query it may carry.
package enum RedactedURL {
    package static func shown(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "(unparsable url)" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        return parts.string ?? "(unparsable url)"
    }
}
