import Foundation
import ParkWatchImageFiles

/// How evaluation folders are laid out.
enum EvaluationFiles {
    static let occupiedFolders: Set<String> = ["busy", "occupied", "not_empty"]
    static let freeFolders: Set<String> = ["free", "empty"]

    /// Crops labelled by the nearest folder above them with a label's name, from `folder` itself
    /// down: `busy/x.jpg` and `busy/camera1/x.jpg` are both occupied. Folders above `folder` do
    /// not count, and a crop with no label folder above it is not judged.
    static func labelledCrops(under folder: URL) -> [(URL, occupied: Bool)] {
        let depth = folder.standardizedFileURL.pathComponents.count
        return ImageFolder.images(under: folder).compactMap { url in
            let folders = url.standardizedFileURL.pathComponents.dropLast().dropFirst(depth - 1)
            for name in folders.reversed().map({ $0.lowercased() }) {
                if occupiedFolders.contains(name) { return (url, true) }
                if freeFolders.contains(name) { return (url, false) }
            }
            return nil
        }
    }

    /// A frame's capture time as the service reads it (EXIF, else the file name, else the file's
    /// time), in seconds: the change gate's clock when frames are replayed as one camera's photos.
    static func captureSeconds(of file: URL, data: Data) -> Double {
        let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? Date()
        return CaptureTime.resolve(data: data, fileName: file.lastPathComponent, modified: modified).date.timeIntervalSince1970
    }

    /// `counts.csv`: `file,count` rows. A first line that is not one (a header), blank lines and
    /// `#` comments are skipped; extra columns and quotes around fields are allowed. A row whose
    /// count is not a whole number is returned as a problem, not dropped in silence.
    static func expectedCounts(in folder: URL) throws -> (rows: [(String, Int)], problems: [SkippedFile]) {
        let csv = folder.appendingPathComponent("counts.csv")
        let text = try String(contentsOf: csv, encoding: .utf8)
        var rows: [(String, Int)] = []
        var problems: [SkippedFile] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"")) }
            guard let name = fields.first, !name.isEmpty, !name.hasPrefix("#") else { continue }
            if fields.count >= 2, let count = Int(fields[1]), count >= 0 {
                rows.append((name, count))
            } else if index > 0 {
                problems.append(SkippedFile(file: "\(csv.path) line \(index + 1)", reason: "expected file,count with a whole number, got \"\(line)\""))
            }
        }
        return (rows, problems)
    }
}
