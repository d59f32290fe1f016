import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where archived, rejected and duplicate photos live: `root/YYYY/MM/DD/<camera>`,
/// `root/rejected/YYYY/MM/DD/<camera>` and `root/duplicates/YYYY/MM/DD/<camera>`, dates in the site's time zone so a day's folder matches
/// the operator's day.
package struct ArchiveLayout: Sendable {
    package let root: URL
    package let timeZone: TimeZone

    /// After this many `-N` suffixes a random one is used, so a full directory cannot loop forever.
    static let maxNumberedSuffix = 9_999

    package init(root: URL, timeZone: TimeZone = .gmt) {
        self.root = root
        self.timeZone = timeZone
    }

    /// The camera name is sanitized again here so no caller can make the archive path escape `root`.
    package func directory(capturedAt: Date, camera: String) -> URL {
        datedDirectory(under: root, date: capturedAt)
            .appendingPathComponent(CameraID.sanitize(camera), isDirectory: true)
    }

    package func rejectedDirectory(receivedAt: Date, camera: String) -> URL {
        datedDirectory(under: root.appendingPathComponent("rejected", isDirectory: true), date: receivedAt)
            .appendingPathComponent(CameraID.sanitize(camera), isDirectory: true)
    }

    /// Content already counted, kept apart so the dated archive holds each counted photo once.
    package func duplicatesDirectory(capturedAt: Date, camera: String) -> URL {
        datedDirectory(under: root.appendingPathComponent("duplicates", isDirectory: true), date: capturedAt)
            .appendingPathComponent(CameraID.sanitize(camera), isDirectory: true)
    }

    /// `name.jpg`, else `name-1.jpg`, `name-2.jpg` … The name is sanitized with `SafeFileName`.
    /// `isTaken` defaults to `entryExists`, which also counts dangling symlinks.
    package static func freeDestination(
        in directory: URL, preferredName: String, isTaken: (URL) -> Bool = { ArchiveLayout.entryExists($0) }
    ) -> URL {
        let name = SafeFileName.sanitize(preferredName)
        let (stem, ext) = SafeFileName.splitExtension(name)
        let suffix = ext.map { "." + $0 } ?? ""
        for attempt in 0...maxNumberedSuffix {
            let candidate = attempt == 0 ? name : "\(stem)-\(attempt)\(suffix)"
            let url = directory.appendingPathComponent(candidate, isDirectory: false)
            if !isTaken(url) { return url }
        }
        return directory.appendingPathComponent("\(stem)-\(UUID().uuidString.lowercased())\(suffix)", isDirectory: false)
    }

    /// Whether anything at all has this name: `FileManager.fileExists` follows symlinks and would call
    /// a dangling one free. Errors other than "no such entry" count as taken, to stay on the safe side.
    package static func entryExists(_ url: URL) -> Bool {
        var info = stat()
        if lstat(url.path, &info) == 0 { return true }
        return errno != ENOENT
    }

    private func datedDirectory(under base: URL, date: Date) -> URL {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return base
            .appendingPathComponent(Self.padded(parts.year ?? 0, width: 4), isDirectory: true)
            .appendingPathComponent(Self.padded(parts.month ?? 0, width: 2), isDirectory: true)
            .appendingPathComponent(Self.padded(parts.day ?? 0, width: 2), isDirectory: true)
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
