import Foundation
import ParkWatchTestSupport
@testable import ParkWatchConfig

/// Config text written to `parkwatch.yaml` in a fresh folder, so path checks have a real base.
struct ConfigFixture {
    let folder: TemporaryFolder
    let file: URL

    init(_ yaml: String, at relative: String = "parkwatch.yaml") throws {
        folder = try TemporaryFolder("config")
        file = folder.path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try yaml.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Absolute, standardized path of `relative` inside the folder, as the loader resolves it.
    func resolved(_ relative: String) -> String {
        folder.path(relative).standardizedFileURL.path
    }

    func touch(_ relative: String) throws {
        let url = folder.path(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: url)
    }

    func load() throws -> Configuration {
        try ConfigurationLoader.load(file)
    }

    /// The issues the file is rejected with; empty if it loads.
    func issues() -> [ConfigIssue] {
        do {
            _ = try ConfigurationLoader.load(file)
            return []
        } catch {
            guard case .invalid(let issues) = error else { return [] }
            return issues
        }
    }
}

/// Parses text with no file behind it; base is a folder that need not exist.
func parseIssues(_ yaml: String) -> [ConfigIssue] {
    do {
        _ = try ConfigurationLoader.parse(yaml, file: "parkwatch.yaml", baseDirectory: URL(fileURLWithPath: "/srv/pw"))
        return []
    } catch {
        guard case .invalid(let issues) = error else { return [] }
        return issues
    }
}

func parse(_ yaml: String) throws -> Configuration {
    try ConfigurationLoader.parse(yaml, file: "parkwatch.yaml", baseDirectory: URL(fileURLWithPath: "/srv/pw"))
}

extension [ConfigIssue] {
    /// `line path` of each issue: what the tests check besides the message.
    var places: [String] { map { "\($0.line.map(String.init) ?? "-") \($0.path)" } }
}
