import Foundation

/// Names an uploader uses while a file is still being written; they are acted on only once renamed.
enum InboxNames {
    static let temporarySuffixes = [".part", ".tmp", ".filepart", ".partial", ".crdownload", "~"]

    static func isIgnored(_ name: String) -> Bool {
        if name.hasPrefix(".") { return true }
        let lower = name.lowercased()
        return temporarySuffixes.contains { lower.hasSuffix($0) }
    }
}

/// Lists what already waits in the inbox, oldest first, as the watcher would have reported it.
package enum InboxScanner {
    /// Entries straight in the inbox (camera `default`) and in each camera folder.
    static func candidates(in inbox: URL) -> [URL] {
        var found: [URL] = []
        for url in entries(of: inbox) {
            if InboxEntry.inspect(url)?.kind == .directory {
                found += entries(of: url)
            } else {
                found.append(url)
            }
        }
        return oldestFirst(found)
    }

    /// How many entries wait to be processed: what `candidates(in:)` would list, without the
    /// sorting's stat per file, since `/metrics` asks on every scrape.
    package static func backlog(in inbox: URL) -> Int {
        entries(of: inbox).reduce(0) { count, url in
            count + (InboxEntry.inspect(url)?.kind == .directory ? entries(of: url).count : 1)
        }
    }

    static func candidates(inCameraFolder folder: URL) -> [URL] {
        oldestFirst(entries(of: folder))
    }

    private static func entries(of directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !InboxNames.isIgnored($0) }.map { directory.appendingPathComponent($0) }
    }

    private static func oldestFirst(_ urls: [URL]) -> [URL] {
        let dated = urls.map { ($0, InboxEntry.inspect($0)?.modified ?? .distantPast) }
        return dated.sorted { ($0.1, $0.0.path) < ($1.1, $1.0.path) }.map(\.0)
    }
}
