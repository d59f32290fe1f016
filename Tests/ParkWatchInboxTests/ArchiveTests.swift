@testable import ParkWatchArchive
import Foundation
import Testing
@testable import ParkWatchInbox
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ArchiveLayoutTests {
    static let root = URL(fileURLWithPath: "/srv/archive", isDirectory: true)

    @Test func datedDirectoriesUseTheLayoutZone() {
        let instant = Date(timeIntervalSince1970: 1_735_774_200)  // 2025-01-01 23:30 UTC
        let utc = ArchiveLayout(root: Self.root)
        #expect(utc.directory(capturedAt: instant, camera: "cam1").path == "/srv/archive/2025/01/01/cam1")
        let berlin = ArchiveLayout(root: Self.root, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(berlin.directory(capturedAt: instant, camera: "cam1").path == "/srv/archive/2025/01/02/cam1")
        #expect(berlin.rejectedDirectory(receivedAt: instant, camera: "cam1").path == "/srv/archive/rejected/2025/01/02/cam1")
    }

    @Test func cameraNamesCannotEscapeTheRoot() {
        let layout = ArchiveLayout(root: Self.root)
        let instant = Date(timeIntervalSince1970: 0)
        #expect(layout.directory(capturedAt: instant, camera: "../../etc").path == "/srv/archive/1970/01/01/_.._etc")
        #expect(layout.rejectedDirectory(receivedAt: instant, camera: "").path == "/srv/archive/rejected/1970/01/01/default")
    }

    @Test func freeDestinationAddsNumberedSuffixes() {
        let directory = URL(fileURLWithPath: "/srv/archive/2025/01/01/cam1", isDirectory: true)
        let free = ArchiveLayout.freeDestination(in: directory, preferredName: "photo.jpg") { _ in false }
        #expect(free.lastPathComponent == "photo.jpg")
        let taken: Set<String> = ["photo.jpg", "photo-1.jpg"]
        let third = ArchiveLayout.freeDestination(in: directory, preferredName: "photo.jpg") { taken.contains($0.lastPathComponent) }
        #expect(third.lastPathComponent == "photo-2.jpg")
        let noExtension = ArchiveLayout.freeDestination(in: directory, preferredName: "snapshot") { $0.lastPathComponent == "snapshot" }
        #expect(noExtension.lastPathComponent == "snapshot-1")
        let sanitized = ArchiveLayout.freeDestination(in: directory, preferredName: "../evil name.jpg") { _ in false }
        #expect(sanitized.path == "/srv/archive/2025/01/01/cam1/_evil_name.jpg")
    }

    @Test func freeDestinationGivesUpNumberingWhenEverythingIsTaken() {
        let directory = URL(fileURLWithPath: "/tmp", isDirectory: true)
        let chosen = ArchiveLayout.freeDestination(in: directory, preferredName: "a.jpg") { $0.lastPathComponent.count < 12 }
        #expect(chosen.lastPathComponent.hasPrefix("a-") && chosen.lastPathComponent.hasSuffix(".jpg"))
        #expect(chosen.lastPathComponent.count > 12)
    }

    @Test func defaultCheckCountsDanglingSymlinks() throws {
        try InboxTestSupport.withTemporaryDirectory { directory in
            try InboxTestSupport.write("x", to: directory.appendingPathComponent("photo.jpg"))
            #expect(symlink("/nonexistent/target", directory.appendingPathComponent("photo-1.jpg").path) == 0)
            let free = ArchiveLayout.freeDestination(in: directory, preferredName: "photo.jpg")
            #expect(free.lastPathComponent == "photo-2.jpg")
        }
    }
}

@Suite struct FileMoverTests {
    typealias Support = InboxTestSupport

    /// Inbox and archive folders inside one temporary directory (same filesystem).
    static func withFolders(in base: String = NSTemporaryDirectory(), _ body: (URL, URL) throws -> Void) throws {
        try Support.withTemporaryDirectory(in: base) { directory in
            let inbox = directory.appendingPathComponent("inbox", isDirectory: true)
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try body(inbox, directory.appendingPathComponent("archive/2025/01/01/cam1", isDirectory: true))
        }
    }

    static func leftovers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".parkwatch-tmp") }
    }

    @Test(arguments: [false, true])
    func movesARegularFile(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let photo = try Support.dataset(Support.patchJPEG)
            try photo.write(to: source)
            let before = try #require(Support.lstatInfo(source))
            let destination = archive.appendingPathComponent("photo.jpg")
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .moved)
            #expect(!Support.exists(source))
            #expect(try Support.contents(of: destination) == photo)
            let after = try #require(Support.lstatInfo(destination))
            // The copy path makes a new inode but keeps the modification time.
            #expect((after.st_ino == before.st_ino) == !forceCopy)
            #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec)
            #expect(try Self.leftovers(in: archive).isEmpty)
        }
    }

    @Test func collisionSuffixesWithRealFiles() throws {
        try Self.withFolders { inbox, archive in
            for round in 0..<3 {
                let source = inbox.appendingPathComponent("shot.jpg")
                try Support.write("content \(round)", to: source)
                let destination = ArchiveLayout.freeDestination(in: archive, preferredName: "shot.jpg")
                #expect(try FileMover().place(source, at: destination) == .moved)
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted()
            #expect(names == ["shot-1.jpg", "shot-2.jpg", "shot.jpg"])
            #expect(try Support.contents(of: archive.appendingPathComponent("shot-2.jpg")) == Data("content 2".utf8))
        }
    }

    @Test(arguments: [false, true])
    func bothCopiesPresentIsAlreadyThere(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let destination = archive.appendingPathComponent("photo.jpg")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try Support.write("same bytes", to: source)
            try Support.write("same bytes", to: destination)
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .alreadyThere)
            #expect(!Support.exists(source))
            #expect(try Support.contents(of: destination) == Data("same bytes".utf8))
            #expect(try Self.leftovers(in: archive).isEmpty)
        }
    }

    /// A crash between `link` and `unlink` leaves two names for one inode.
    @Test func hardLinkedLeftoverIsAlreadyThere() throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let destination = archive.appendingPathComponent("photo.jpg")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try Support.write("linked", to: source)
            #expect(link(source.path, destination.path) == 0)
            #expect(try FileMover().place(source, at: destination) == .alreadyThere)
            #expect(!Support.exists(source) && Support.exists(destination))
        }
    }

    @Test(arguments: [false, true])
    func otherContentIsDestinationTaken(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let destination = archive.appendingPathComponent("photo.jpg")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try Support.write("new photo", to: source)
            try Support.write("old photo", to: destination)
            #expect(throws: ArchiveError.destinationTaken(path: destination.path)) {
                try FileMover(forceCopy: forceCopy).place(source, at: destination)
            }
            #expect(try Support.contents(of: source) == Data("new photo".utf8))
            #expect(try Support.contents(of: destination) == Data("old photo".utf8))
            #expect(try Self.leftovers(in: archive).isEmpty)
        }
    }

    @Test func symlinkAtDestinationIsNotFollowedOrReplaced() throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let target = inbox.appendingPathComponent("target.jpg")
            let destination = archive.appendingPathComponent("photo.jpg")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try Support.write("bytes", to: source)
            try Support.write("bytes", to: target)
            #expect(symlink(target.path, destination.path) == 0)
            #expect(throws: ArchiveError.destinationTaken(path: destination.path)) { try FileMover().place(source, at: destination) }
            #expect(Support.isSymlink(destination) && Support.exists(source))
        }
    }

    @Test func placingAFileOntoItselfKeepsIt() throws {
        try Self.withFolders { inbox, _ in
            let source = inbox.appendingPathComponent("photo.jpg")
            try Support.write("only copy", to: source)
            let samePlace = inbox.appendingPathComponent("./photo.jpg")
            #expect(try FileMover().place(source, at: samePlace) == .alreadyThere)
            #expect(try Support.contents(of: source) == Data("only copy".utf8))
        }
    }

    @Test func staleTemporaryFileIsReplaced() throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("photo.jpg")
            let destination = archive.appendingPathComponent("photo.jpg")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try Support.write("fresh", to: source)
            try Support.write("half-written by a crashed run", to: archive.appendingPathComponent(".photo.jpg.parkwatch-tmp"))
            #expect(try FileMover(forceCopy: true).place(source, at: destination) == .moved)
            #expect(try Support.contents(of: destination) == Data("fresh".utf8))
            #expect(try Self.leftovers(in: archive).isEmpty)
        }
    }

    @Test func fileSystemErrors() throws {
        try Self.withFolders { inbox, archive in
            let missing = inbox.appendingPathComponent("missing.jpg")
            #expect(throws: ArchiveError.fileSystem(operation: "lstat", path: missing.path, errno: ENOENT)) {
                try FileMover().place(missing, at: archive.appendingPathComponent("x.jpg"))
            }
            let source = inbox.appendingPathComponent("photo.jpg")
            try Support.write("x", to: source)
            let blocker = inbox.appendingPathComponent("blocker")
            try Support.write("a file where a directory should be", to: blocker)
            let destination = blocker.appendingPathComponent("sub/photo.jpg")
            #expect(throws: ArchiveError.fileSystem(operation: "mkdir", path: blocker.path, errno: ENOTDIR)) {
                try FileMover().place(source, at: destination)
            }
            #expect(Support.exists(source))
        }
    }
}
