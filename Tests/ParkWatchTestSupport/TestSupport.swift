import Foundation

/// Paths to the real data and model the tests use: `../shared` beside the checkout, as CI has it.
public enum TestResources {
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static func dataset(_ path: String) -> URL {
        shared.appendingPathComponent("datasets").appendingPathComponent(path)
    }

    /// The set-up's copy if present, else the one in `../shared`.
    public static var model: String {
        let placed = packageRoot.appendingPathComponent("models/yolox_nano.onnx").path
        if FileManager.default.fileExists(atPath: placed) { return placed }
        return shared.appendingPathComponent("models/yolox-nano/yolox_nano.onnx").path
    }

    /// The project's own space classifier, committed in the repository.
    public static var classifier: String {
        packageRoot.appendingPathComponent("models/space-classifier/space_classifier.onnx").path
    }

    /// The five labelled frames of PKLot UFPR05, 2013-02-22 (1280x720 PNG).
    public static var pklotDay1: [URL] { files(in: dataset("pklot-ufpr05-dev/day1"), ext: "png") }
    public static var pklotDay0: [URL] { files(in: dataset("pklot-ufpr05-dev/day0"), ext: "jpg") }

    /// Small distinct JPEG crops (150x150), for tests where the count does not matter.
    public static func smallPhotos(_ count: Int) -> [URL] {
        Array(files(in: dataset("cnrpark-a/busy"), ext: "jpg").prefix(count))
    }

    public static func files(in folder: URL, ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Number of `occupied="1"` spaces in a PKLot XML file.
    public static func occupiedSpaces(labelledBy xml: URL) throws -> Int {
        let text = try String(contentsOf: xml, encoding: .utf8)
        return text.components(separatedBy: "occupied=\"1\"").count - 1
    }
}

/// A folder under the system temp directory, removed when the value goes away, even after a failure.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parkwatch-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Creates the folder `relative` (and its parents) and returns it.
    @discardableResult
    public func folder(_ relative: String) throws -> URL {
        let folder = path(relative)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every regular file and symlink below `relative`, as paths relative to the folder.
    public func files(under relative: String = "") -> [String] {
        let root = path(relative)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            let type = walker.fileAttributes?[.type] as? FileAttributeType
            if type != .typeDirectory { found.append(relative.isEmpty ? item : relative + "/" + item) }
        }
        return found.sorted()
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// How long a test waits for a live service to do what it should. Passing tests return as soon as it
/// is done; the limit only matters on a loaded two-core machine, where hundreds of parallel tests
/// running models can hold up a photo or a frame for minutes.
public let liveDeadline: Double = 300

/// Polls `condition` until it holds or `seconds` pass; returns whether it held.
public func eventually(within seconds: Double = liveDeadline, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failure with random input can be reproduced.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &self) })
    }
}
