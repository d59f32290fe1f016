import Yams

/// Gathers every problem found in one walk, so a user fixes the whole file in one go.
final class IssueLog {
    let file: String
    private var found: [(issue: ConfigIssue, column: Int)] = []

    init(file: String) {
        self.file = file
    }

    var issues: [ConfigIssue] { found.map(\.issue) }

    func report(_ message: String, at path: String, mark: Mark?) {
        found.append((ConfigIssue(file: file, line: mark?.line, path: path, message: message), mark?.column ?? 0))
    }

    /// Issues in the order of the file. The walk reports a mapping's keys before reading its
    /// values, and checks across keys come last, so its own order is not the file's.
    var issuesInFileOrder: [ConfigIssue] {
        found.enumerated()
            .sorted { (a, b) in
                (a.element.issue.line ?? .max, a.element.column, a.offset)
                    < (b.element.issue.line ?? .max, b.element.column, b.offset)
            }
            .map(\.element.issue)
    }
}

/// One value in the document with the dotted path and place its error messages name. The place is
/// the key's: a nested block mapping starts on the next line, but the user looks for the key.
struct Field {
    let node: Node
    let path: String
    let mark: Mark?
    let log: IssueLog

    func fail(_ message: String) {
        log.report(message, at: path, mark: mark)
    }

    func child(_ key: String, node: Node, mark: Mark?) -> Field {
        Field(node: node, path: path.isEmpty ? key : path + "." + key, mark: mark, log: log)
    }

    /// `~`, `null` or nothing at all after the colon: treated as if the key were absent.
    var isNull: Bool { node.scalar != nil && node.hasTag(.null) }

    /// What the user wrote, for "(got …)" in messages.
    var shown: String {
        switch node {
        case .scalar(let scalar): "`\(scalar.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

extension Node {
    func hasTag(_ name: Tag.Name) -> Bool { tag == Tag(name) }
}

/// The entries of one YAML mapping, checked against the keys allowed at that level.
struct FieldMap {
    /// Entries in document order, null values included (a bare `cam1:` declares a camera).
    private(set) var entries: [(key: String, field: Field)] = []

    /// Reads `field` as a mapping whose keys are `allowed` (nil: any key). Reports a field that is
    /// not a mapping, unknown and repeated keys; an empty section (null) reads as an empty mapping.
    static func read(_ field: Field, allowed: [String]?) -> FieldMap? {
        if field.isNull { return FieldMap() }
        guard case .mapping(let mapping) = field.node else {
            field.fail("must be a mapping of keys to values (got \(field.shown))")
            return nil
        }
        var map = FieldMap()
        var firstLines: [String: Int] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                Field(node: keyNode, path: field.path, mark: keyNode.mark, log: field.log)
                    .fail("keys must be plain names (got \(keyNode.mapping != nil ? "a mapping" : "a list"))")
                continue
            }
            let entry = field.child(key, node: value, mark: keyNode.mark)
            if let first = firstLines[key] {
                entry.fail("repeated key (first at line \(first))")
            } else if let allowed, !allowed.contains(key) {
                entry.fail(unknownKeyMessage(key, allowed: allowed))
            } else {
                firstLines[key] = keyNode.mark?.line ?? 0
                map.entries.append((key, entry))
            }
        }
        return map
    }

    /// The value under `key`, nil when absent or null.
    subscript(key: String) -> Field? {
        guard let field = entries.first(where: { $0.key == key })?.field, !field.isNull else { return nil }
        return field
    }

    private static func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        let list = "allowed here: " + allowed.joined(separator: ", ")
        // `logLevel` or `log-level` for `log_level` is the commonest slip; name the fix.
        let simplified = { (name: String) in name.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let meant = allowed.first(where: { simplified($0) == simplified(key) }) {
            return "unknown key; did you mean `\(meant)`? (\(list))"
        }
        return "unknown key (\(list))"
    }
}
