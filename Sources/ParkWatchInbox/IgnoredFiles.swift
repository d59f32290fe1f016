import ParkWatchArchive
import Foundation
import Logging

/// A file the watcher does not take: a hidden or temporary name (an upload still being
/// written), a file in a hidden folder, or one in a camera folder refused for its clashing id.
package struct IgnoredFile: Sendable, Equatable, Encodable {
    /// Relative to the inbox, as an operator would look for it.
    package var path: String
    package var reason: String
    package var modified: Date
    /// In a refused camera folder: reported at once, since waiting does not make its id unique.
    package var refused = false
}

/// Finds what the watcher leaves alone for longer than an upload could take. Upload names
/// (`.part`, dotfiles) are ignored while written, so only age tells a stalled or misnamed file
/// apart from one in progress.
package enum IgnoredFiles {
    /// How long a file may stay ignored before it is reported; an upload takes far less.
    package static let defaultLimit: TimeInterval = 3600

    /// Hidden and temporary files older than `limit`, and every file of a refused camera folder
    /// (refused at once: waiting does not make its id unique).
    package static func scan(_ inbox: URL, olderThan limit: TimeInterval = defaultLimit, now: Date = Date()) -> [IgnoredFile] {
        var found: [IgnoredFile] = []
        let refused = Dictionary(CameraFolders.refusals(in: inbox).map { ($0.folder, $0) }, uniquingKeysWith: { first, _ in first })
        for name in names(in: inbox) {
            let url = inbox.appendingPathComponent(name)
            guard let entry = InboxEntry.inspect(url) else { continue }
            guard entry.kind == .directory else {
                if InboxNames.isIgnored(name) { found.append(IgnoredFile(path: name, reason: hiddenReason(name), modified: entry.modified)) }
                continue
            }
            found += folder(name, in: inbox, refusal: refused[name])
        }
        return found.filter { $0.refused || now.timeIntervalSince($0.modified) >= limit }
            .sorted { $0.path < $1.path }
    }

    private static func folder(_ name: String, in inbox: URL, refusal: CameraFolders.Refusal?) -> [IgnoredFile] {
        names(in: inbox.appendingPathComponent(name)).compactMap { file in
            let path = "\(name)/\(file)"
            guard let entry = InboxEntry.inspect(inbox.appendingPathComponent(path)), entry.kind != .directory else { return nil }
            if let refusal { return IgnoredFile(path: path, reason: refusal.description, modified: entry.modified, refused: true) }
            if InboxNames.isIgnored(name) { return IgnoredFile(path: path, reason: "in a hidden folder", modified: entry.modified) }
            guard InboxNames.isIgnored(file) else { return nil }
            return IgnoredFile(path: path, reason: hiddenReason(file), modified: entry.modified)
        }
    }

    private static func hiddenReason(_ name: String) -> String {
        name.hasPrefix(".") ? "hidden name (starts with a dot)" : "temporary upload name"
    }

    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}

/// Remembers what was already reported, so each ignored file is logged once however often the
/// inbox is scanned; a file that goes away and comes back is reported again.
final class ReportedOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var reported: Set<String> = []

    /// The keys not reported before; forgets the ones no longer present.
    func fresh(_ keys: [String]) -> [String] {
        lock.withLock {
            let new = keys.filter { !reported.contains($0) }
            reported = Set(keys)
            return new
        }
    }
}

/// Part of the watcher: scans the inbox every `interval` and logs each file that has stayed
/// ignored past `limit`, once, with where it is and why it is not taken.
struct IgnoredFilesReporter: Sendable {
    let inbox: URL
    let limit: TimeInterval
    let interval: Duration
    let logger: Logger
    private let reported = ReportedOnce()

    init(inbox: URL, limit: TimeInterval, logger: Logger) {
        self.inbox = inbox
        self.limit = limit
        // Often enough to report soon after the limit, rarely enough to cost nothing.
        self.interval = .seconds(min(max(limit / 4, 0.05), 60))
        self.logger = logger
    }

    func run() async {
        while !Task.isCancelled {
            report()
            try? await Task.sleep(for: interval)
        }
    }

    func report() {
        let files = IgnoredFiles.scan(inbox, olderThan: limit)
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for path in reported.fresh(files.map(\.path)) {
            guard let file = byPath[path] else { continue }
            let level: Logger.Level = file.refused ? .error : .warning
            logger.log(level: level, "file left in the inbox, not taken: \(file.reason)", metadata: ["file": "\(inbox.appendingPathComponent(path).path)"])
        }
    }
}
