import Foundation

/// How evaluation folders are laid out.
enum EvaluationFiles {
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "webp"]
    static let occupiedFolders: Set<String> = ["busy", "occupied", "not_empty"]
    static let freeFolders: Set<String> = ["free", "empty"]

    static func images(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? [])
            .filter { imageExtensions.contains($0.pathExtension.lowercased()) }
            .sorted { $0.path < $1.path }
    }

    /// Crops labelled by the name of the folder that holds them (at any depth).
    static func labelledCrops(under folder: URL) -> [(URL, occupied: Bool)] {
        images(under: folder).compactMap { url in
            let parent = url.deletingLastPathComponent().lastPathComponent.lowercased()
            if occupiedFolders.contains(parent) { return (url, true) }
            if freeFolders.contains(parent) { return (url, false) }
            return nil
        }
    }

    /// `counts.csv`: a `file,count` header is optional; blank lines and `#` comments are skipped.
    static func expectedCounts(in folder: URL) throws -> [(String, Int)] {
        let text = try String(contentsOf: folder.appendingPathComponent("counts.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, !fields[0].hasPrefix("#"), let count = Int(fields[1]) else { return nil }
            return (fields[0], count)
        }
    }
}
