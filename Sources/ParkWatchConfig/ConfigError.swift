/// One problem in a config file, located like a compiler error: `file:line: path: message`.
package struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    /// 1-based; nil when the problem has no single place.
    package var line: Int?
    /// Dotted key path, e.g. `cameras.cam1.detector.score_threshold`; empty for the file as a whole.
    package var path: String
    package var message: String

    package init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    package var description: String {
        var parts = [file]
        if let line { parts[0] += ":\(line)" }
        if !path.isEmpty { parts.append(path) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

package enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all (missing, a folder, not UTF-8, no permission).
    case unreadable(path: String, reason: String)
    /// The file was read; these are all the problems found in it, in line order.
    case invalid([ConfigIssue])

    package var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the configuration: \(reason)"
        case .invalid(let issues): issues.map(\.description).joined(separator: "\n")
        }
    }
}
