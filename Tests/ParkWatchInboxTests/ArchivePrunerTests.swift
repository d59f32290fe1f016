@testable import ParkWatchArchive
import Foundation
import Testing
import ParkWatchInbox
import ParkWatchTestSupport

/// Retention by folder date: the plan on listings, then one pass on a real folder.
@Suite struct ArchivePrunerTests {
    /// 2026-11-23 12:00 UTC.
    let now = Date(timeIntervalSince1970: 1_795_435_200)

    func plan(_ listing: [String], _ policy: ArchivePruner.Policy, zone: TimeZone = .gmt) -> [String] {
        ArchivePruner.plan(listing, policy: policy, now: now, timeZone: zone).map(\.path)
    }

    @Test func foldersOlderThanTheDaysGoWithTheirOverlays() {
        let listing = [
            "2026/10/23/cam1/a.jpg", "2026/10/23/cam1/a.overlay.png",  // 31 days old
            "2026/10/24/cam1/b.jpg",  // 30 days: the first day kept
            "2026/11/23/cam1/c.jpg",
        ]
        #expect(plan(listing, .init(defaultDays: 30)) == ["2026/10/23/cam1/a.jpg", "2026/10/23/cam1/a.overlay.png"])
    }

    @Test func oneDayKeepsTodayAndYesterday() {
        let listing = ["2026/11/21/cam1/a.jpg", "2026/11/22/cam1/b.jpg", "2026/11/23/cam1/c.jpg"]
        #expect(plan(listing, .init(defaultDays: 1)) == ["2026/11/21/cam1/a.jpg"])
    }

    @Test func aCameraOwnDaysWinOverTheDefault() {
        let listing = ["2026/11/01/cam1/a.jpg", "2026/11/01/cam2/b.jpg", "2026/11/01/cam3/c.jpg"]
        let policy = ArchivePruner.Policy(defaultDays: 7, cameraDays: ["cam1": 60, "cam3": 3])
        #expect(plan(listing, policy) == ["2026/11/01/cam2/b.jpg", "2026/11/01/cam3/c.jpg"])
    }

    @Test func noLimitDeletesNothing() {
        let listing = ["2000/01/01/cam1/a.jpg", "2000/01/01/cam2/b.jpg"]
        #expect(plan(listing, .init()).isEmpty)
        #expect(plan(listing, .init(cameraDays: ["cam1": 1])) == ["2000/01/01/cam1/a.jpg"])
    }

    @Test func rejectedOnlyWhenAskedDuplicatesAlways() {
        let listing = ["rejected/2026/01/01/cam1/bad.jpg", "duplicates/2026/01/01/cam1/dup.jpg"]
        #expect(plan(listing, .init(defaultDays: 30)) == ["duplicates/2026/01/01/cam1/dup.jpg"])
        #expect(plan(listing, .init(defaultDays: 30, includeRejected: true)) == listing.sorted())
    }

    @Test func oneCameraOnly() {
        let listing = ["2026/01/01/cam1/a.jpg", "2026/01/01/cam2/b.jpg"]
        #expect(plan(listing, .init(defaultDays: 30, camera: "cam2")) == ["2026/01/01/cam2/b.jpg"])
    }

    /// Anything not shaped like a filed photo is someone else's: a move in progress (dotfile),
    /// a file an operator left at the top, a date that is not one.
    @Test func strayPathsAreLeftAlone() {
        let listing = [
            "2026/01/01/cam1/.a.jpg.tmp", "2026/01/01/a.jpg", "notes.txt", "2026/13/01/cam1/a.jpg",
            "2026/1/01/cam1/a.jpg", "2026/01/01/cam1/sub/a.jpg", "other/2026/01/01/cam1/a.jpg", "2026/01/01/.cam/a.jpg",
        ]
        #expect(plan(listing, .init(defaultDays: 1)).isEmpty)
    }

    /// Folders are named by the site's day, so "today" is the site's today too.
    @Test func theCutoffDayIsTakenInTheArchiveZone() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let honolulu = try #require(TimeZone(identifier: "Pacific/Honolulu"))
        let late = now.addingTimeInterval(6 * 3600)  // 18:00 UTC: the 24th in Tokyo, still the 23rd in Honolulu
        let listing = ["2026/11/22/cam1/a.jpg"]
        #expect(ArchivePruner.plan(listing, policy: .init(defaultDays: 1), now: late, timeZone: tokyo).count == 1)
        #expect(ArchivePruner.plan(listing, policy: .init(defaultDays: 1), now: late, timeZone: honolulu).isEmpty)
    }

    @Test func deletingOnDiskKeepsTheRestAndRemovesEmptiedFolders() throws {
        let folder = try TemporaryFolder("prune")
        let files = [
            "2026/01/01/cam1/a.jpg", "2026/01/01/cam1/a.overlay.png", "2026/01/01/cam2/b.jpg",
            "2026/11/23/cam1/c.jpg", "rejected/2026/01/01/cam1/bad.jpg",
        ]
        for file in files {
            try folder.folder((file as NSString).deletingLastPathComponent)
            try Data("x".utf8).write(to: folder.path(file))
        }
        let policy = ArchivePruner.Policy(defaultDays: 30, cameraDays: ["cam2": 365])
        let expired = ArchivePruner.plan(ArchivePruner.list(folder.url), policy: policy, now: now, timeZone: .gmt)
        #expect(expired.map(\.path) == ["2026/01/01/cam1/a.jpg", "2026/01/01/cam1/a.overlay.png"])
        #expect(ArchivePruner.delete(expired, under: folder.url).isEmpty)
        #expect(folder.files() == ["2026/01/01/cam2/b.jpg", "2026/11/23/cam1/c.jpg", "rejected/2026/01/01/cam1/bad.jpg"])
        #expect(!FileManager.default.fileExists(atPath: folder.path("2026/01/01/cam1").path))
    }

    /// A rejected symlink is archived as a link: pruning removes the link, never what it points at.
    @Test func symlinksAreDeletedNotFollowed() throws {
        let folder = try TemporaryFolder("prune-link")
        let target = folder.path("keep.txt")
        try Data("keep".utf8).write(to: target)
        try folder.folder("rejected/2026/01/01/cam1")
        try FileManager.default.createSymbolicLink(at: folder.path("rejected/2026/01/01/cam1/link"), withDestinationURL: target)
        let policy = ArchivePruner.Policy(defaultDays: 1, includeRejected: true)
        let expired = ArchivePruner.plan(ArchivePruner.list(folder.url), policy: policy, now: now, timeZone: .gmt)
        #expect(expired.map(\.path) == ["rejected/2026/01/01/cam1/link"])
        ArchivePruner.delete(expired, under: folder.url)
        #expect(folder.files() == ["keep.txt"])
    }
}
