import Foundation
import ParkWatchTestSupport
import Yams

/// docs/openapi.yaml, read as plain YAML, with just enough JSON Schema to check answers:
/// `$ref`, `type` (also lists with "null"), `required`, `properties`, `items` and `oneOf`.
/// Immutable once read, so sharing it with test closures is safe (`Any` is not Sendable).
struct OpenAPIDocument: @unchecked Sendable {
    let root: [String: Any]

    static let methods = ["get", "post", "put", "patch", "delete"]

    init() throws {
        let text = try String(contentsOf: TestResources.packageRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        root = try Yams.load(yaml: text) as? [String: Any] ?? [:]
    }

    var paths: [String: [String: Any]] { root["paths"] as? [String: [String: Any]] ?? [:] }

    /// `GET /api/lots/{id}/status`, … for every operation in the file.
    var operations: Set<String> {
        Set(paths.flatMap { path, item in item.keys.filter(Self.methods.contains).map { "\($0.uppercased()) \(path)" } })
    }

    /// The JSON schema of the answer `status` of `method path`, or why there is none.
    func responseSchema(_ method: String, _ path: String, status: Int) throws -> Any {
        guard let operation = paths[path]?[method.lowercased()] as? [String: Any] else { throw Problem("no operation \(method) \(path)") }
        guard var response = (operation["responses"] as? [String: Any])?[String(status)] else {
            throw Problem("\(method) \(path) documents no \(status)")
        }
        response = try resolve(response)
        let content = (response as? [String: Any])?["content"] as? [String: Any]
        guard let json = content?["application/json"] as? [String: Any], let schema = json["schema"] else {
            throw Problem("\(method) \(path) \(status) has no JSON schema")
        }
        return schema
    }

    /// Everything wrong with `value` against `schema`, as paths into the value.
    func problems(_ value: Any, against schema: Any, at path: String = "$") throws -> [String] {
        let schema = try resolve(schema) as? [String: Any] ?? [:]
        if let choices = schema["oneOf"] as? [Any] {
            let fits = try choices.contains { try problems(value, against: $0, at: path).isEmpty }
            return fits ? [] : ["\(path): matches none of oneOf"]
        }
        if let problem = typeProblem(value, schema["type"], at: path) { return [problem] }
        if let object = value as? [String: Any] {
            let missing = (schema["required"] as? [String] ?? []).filter { object[$0] == nil }.map { "\(path).\($0): missing" }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            return try missing + properties.flatMap { key, sub in try object[key].map { try problems($0, against: sub, at: "\(path).\(key)") } ?? [] }
        }
        if let array = value as? [Any], let items = schema["items"] {
            return try array.enumerated().flatMap { try problems($1, against: items, at: "\(path)[\($0)]") }
        }
        return []
    }

    private func typeProblem(_ value: Any, _ declared: Any?, at path: String) -> String? {
        guard let declared else { return nil }
        let allowed = (declared as? [Any])?.compactMap { $0 as? String } ?? [declared as? String].compactMap { $0 }
        let actual: String = switch value {
        case is NSNull: "null"
        case let number as NSNumber where String(cString: number.objCType) == "c": "boolean"
        case let number as NSNumber: number.doubleValue == number.doubleValue.rounded() ? "integer" : "number"
        case is String: "string"
        case is [Any]: "array"
        default: "object"
        }
        let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
        return fits ? nil : "\(path): \(actual), expected \(allowed.joined(separator: " or "))"
    }

    private func resolve(_ node: Any) throws -> Any {
        guard let reference = (node as? [String: Any])?["$ref"] as? String else { return node }
        var target: Any = root
        for key in reference.dropFirst(2).split(separator: "/") {
            guard let next = (target as? [String: Any])?[String(key)] else { throw Problem("dangling \(reference)") }
            target = next
        }
        return try resolve(target)
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
