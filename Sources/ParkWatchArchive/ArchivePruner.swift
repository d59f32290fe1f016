import Foundation

/// Retention for the archive: which filed photos are old enough to delete, decided from the dated
/// folder they sit in (`YYYY/MM/DD/<camera>/`), never from file times, which copies and restores
/// change. The decision (`plan`) is a pure function on a listing so it can be tested without a disk;
/// `list` and `delete` are the thin I/O around it. Database rows are never touched: readings outlive
/// their photos.
package enum ArchivePruner {
    /// How long each camera keeps its photos. A camera with no limit is never pruned.
    package struct Policy: Sendable, Equatable {
        /// Days for cameras without their own value; nil keeps them forever.
        package var defaultDays: Int?
        /// Per-camera days, by camera id (= archive folder name).
        package var cameraDays: [String: Int]
        /// Only this camera, when set.
        package var camera: String?
        /// `rejected/` holds bad input kept as evidence; it is pruned only when asked.
        package var includeRejected: Bool

        package init(defaultDays: Int? = nil, cameraDays: [String: Int] = [:], camera: String? = nil, includeRejected: Bool = false) {
            self.defaultDays = defaultDays
            self.cameraDays = cameraDays
            self.camera = camera
            self.includeRejected = includeRejected
        }

        package func days(for camera: String) -> Int? { cameraDays[camera] ?? defaultDays }
    }

    /// One archived file, by its path relative to the archive root.
    package struct Expired: Sendable, Equatable {
        package var path: String
        package var camera: String
        /// The folder's date as `YYYY-MM-DD`.
        package var day: String
    }

    /// The files of `listing` (paths relative to the archive root) whose folder date lies more than
    /// the camera's days before `now`'s day in `timeZone` (the zone the archive's folders are named in).
    /// Paths that are not `[duplicates/|rejected/]YYYY/MM/DD/<camera>/<file>` are left alone, and so
    /// are dotfiles: a hidden file there is a move still in progress.
    package static func plan(_ listing: [String], policy: Policy, now: Date, timeZone: TimeZone) -> [Expired] {
        listing.compactMap { path -> Expired? in
            guard let entry = Entry(path), entry.tree != "rejected" || policy.includeRejected else { return nil }
            if let only = policy.camera, only != entry.camera { return nil }
            guard let days = policy.days(for: entry.camera),
                  entry.dayNumber < cutoffDay(now: now, days: days, timeZone: timeZone) else { return nil }
            return Expired(path: path, camera: entry.camera, day: entry.dayText)
        }
        .sorted { $0.path < $1.path }
    }

    /// The first day kept, as `YYYYMMDD`: today minus `days`. A folder dated before it is expired,
    /// so `archive_days: 1` keeps today's and yesterday's folders.
    static func cutoffDay(now: Date, days: Int, timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let cutoff = calendar.date(byAdding: .day, value: -days, to: now) ?? now
        let parts = calendar.dateComponents([.year, .month, .day], from: cutoff)
        return (parts.year ?? 0) * 10_000 + (parts.month ?? 0) * 100 + (parts.day ?? 0)
    }

    /// A listing path split into its tree, date and camera.
    struct Entry {
        var tree: String?
        var dayNumber: Int
        var dayText: String
        var camera: String

        init?(_ path: String) {
            var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.first == "rejected" || parts.first == "duplicates" { tree = parts.removeFirst() }
            guard parts.count == 5, let file = parts.last, !file.isEmpty, !file.hasPrefix("."),
                  let year = Self.number(parts[0], digits: 4), let month = Self.number(parts[1], digits: 2),
                  let day = Self.number(parts[2], digits: 2), (1...12).contains(month), (1...31).contains(day),
                  !parts[3].isEmpty, !parts[3].hasPrefix(".") else { return nil }
            dayNumber = year * 10_000 + month * 100 + day
            dayText = "\(parts[0])-\(parts[1])-\(parts[2])"
            camera = parts[3]
        }

        static func number(_ text: String, digits: Int) -> Int? {
            text.count == digits && text.allSatisfy(\.isASCII) ? Int(text) : nil
        }
    }
}

extension ArchivePruner {
    /// Every file and symlink under `root`, relative to it. Symlinks are listed, not followed:
    /// a rejected symlink is archived as a link and deleting it must not reach its target.
    package static func list(_ root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { found.append(item) }
        }
        return found
    }

    /// Deletes the expired files, then the day folders they leave empty (so the archive does not
    /// fill with empty dated folders). Returns the paths that could not be deleted, with why.
    @discardableResult
    package static func delete(_ expired: [Expired], under root: URL) -> [(path: String, error: String)] {
        var failures: [(path: String, error: String)] = []
        var folders = Set<String>()
        for item in expired {
            do {
                try FileManager.default.removeItem(at: root.appendingPathComponent(item.path))
                folders.insert((item.path as NSString).deletingLastPathComponent)
            } catch {
                failures.append((item.path, "\(error.localizedDescription)"))
            }
        }
        for folder in folders { removeEmptyParents(of: folder, under: root) }
        return failures
    }

    /// `rmdir` semantics: a folder with anything left in it stays, and nothing above `root` is touched.
    static func removeEmptyParents(of relative: String, under root: URL) {
        var current = relative
        while !current.isEmpty && current != "." && current != "/" {
            let url = root.appendingPathComponent(current)
            guard (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true,
                  (try? FileManager.default.removeItem(at: url)) != nil else { return }
            current = (current as NSString).deletingLastPathComponent
        }
    }
}
