import Foundation
import Yams

/// Reads `parkwatch.yaml` into a `Configuration`, or every problem in it at once.
package enum ConfigurationLoader {
    /// Loads the file at `url`. Messages name it as given (`parkwatch.yaml:14: …` for a relative URL),
    /// and relative paths inside it are taken from its folder.
    package static func load(_ url: URL) throws(ConfigError) -> Configuration {
        let shownPath = url.isFileURL ? url.relativePath : url.absoluteString
        let text = try readText(url, shownPath: shownPath)
        var configuration = try parse(text, file: shownPath, baseDirectory: url.absoluteURL.deletingLastPathComponent())
        configuration.sourcePath = url.absoluteURL.path
        return configuration
    }

    /// Parses `text`; `file` is only used in messages, `baseDirectory` anchors relative paths.
    package static func parse(_ text: String, file: String, baseDirectory: URL) throws(ConfigError) -> Configuration {
        let root: Node?
        do {
            // Windows editors may start the file with a byte-order mark, which libyaml here rejects.
            root = try Yams.compose(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw .invalid([syntaxIssue(error, text: text, file: file)])
        }
        let log = IssueLog(file: file)
        let configuration = ConfigurationReader(log: log, baseDirectory: baseDirectory.standardizedFileURL).read(root)
        guard log.issues.isEmpty else { throw .invalid(log.issuesInFileOrder) }
        return configuration
    }

    private static func readText(_ url: URL, shownPath: String) throws(ConfigError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .unreadable(path: shownPath, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw .unreadable(path: shownPath, reason: "is a folder, not a file") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: shownPath, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: shownPath, reason: "not UTF-8 text")
        }
        return text
    }

    /// libyaml's complaint, placed at its line, with the context it gives ("while parsing a block mapping").
    static func syntaxIssue(_ error: any Error, text: String, file: String) -> ConfigIssue {
        let (line, problem): (Int?, String) = switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            (mark.line, describe(problem, context: context))
        case .reader(let problem, let offset, _, _):
            (offset.map { lineNumber(atCharacterOffset: $0, in: text) }, problem)
        default:
            (nil, String(describing: error))
        }
        return ConfigIssue(file: file, line: line, path: "", message: "YAML syntax error: \(problem)")
    }

    /// libyaml says "did not find expected key" with the context "while parsing a block mapping";
    /// Yams' own composer problem starts with "but …" and reads only after its context.
    private static func describe(_ problem: String, context: YamlError.Context?) -> String {
        guard let context else { return problem }
        if problem.hasPrefix("but ") { return "\(context.text), \(problem)" }
        return "\(problem) (\(context.text) at line \(context.mark.line))"
    }

    private static func lineNumber(atCharacterOffset offset: Int, in text: String) -> Int {
        text.prefix(offset).reduce(1) { $1.isNewline ? $0 + 1 : $0 }
    }
}
