@testable import ParkWatchArchive
import Foundation
import Testing
@testable import ParkWatchInbox
#if canImport(Glibc)
import Glibc
#endif

/// Entries that are not regular files (kept as bad input, never followed) and real cross-device moves.
@Suite struct FileMoverEntryTests {
    typealias Support = InboxTestSupport

    static func withFolders(in base: String = NSTemporaryDirectory(), _ body: (URL, URL) throws -> Void) throws {
        try FileMoverTests.withFolders(in: base, body)
    }

    static func leftovers(in directory: URL) throws -> [String] {
        try FileMoverTests.leftovers(in: directory)
    }

    @Test(arguments: [false, true])
    func symlinkIsMovedNotFollowed(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let target = inbox.appendingPathComponent("secret.txt")
            try Support.write("do not touch", to: target)
            let source = inbox.appendingPathComponent("link.jpg")
            #expect(symlink(target.path, source.path) == 0)
            let destination = archive.appendingPathComponent("link.jpg")
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .moved)
            #expect(Support.isSymlink(destination) && !Support.exists(source))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: destination.path) == target.path)
            #expect(try Support.contents(of: target) == Data("do not touch".utf8))
        }
    }

    @Test(arguments: [false, true])
    func danglingSymlinkIsMoved(forceCopy: Bool) throws {
        // Explicit `throws`: the only `try`s are inside #expect, which closure inference does not see.
        try Self.withFolders { inbox, archive throws in
            let source = inbox.appendingPathComponent("dangling")
            #expect(symlink("../../nowhere", source.path) == 0)
            let destination = archive.appendingPathComponent("dangling")
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .moved)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: destination.path) == "../../nowhere")
        }
    }

    static func makeTree(at directory: URL) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nested/deeper"), withIntermediateDirectories: true)
        try Support.write("one", to: directory.appendingPathComponent("a.jpg"))
        try Support.write("two", to: directory.appendingPathComponent("nested/deeper/b.jpg"))
        #expect(symlink("/etc/passwd", directory.appendingPathComponent("nested/link").path) == 0)
    }

    static func expectTree(at directory: URL) throws {
        #expect(try Support.contents(of: directory.appendingPathComponent("a.jpg")) == Data("one".utf8))
        #expect(try Support.contents(of: directory.appendingPathComponent("nested/deeper/b.jpg")) == Data("two".utf8))
        let link = directory.appendingPathComponent("nested/link")
        #expect(Support.isSymlink(link))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "/etc/passwd")
    }

    @Test(arguments: [false, true])
    func directoryIsMovedAsAWhole(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("upload-folder", isDirectory: true)
            try Self.makeTree(at: source)
            let destination = archive.appendingPathComponent("upload-folder")
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .moved)
            #expect(!Support.exists(source))
            try Self.expectTree(at: destination)
            #expect(try Self.leftovers(in: archive).isEmpty)
        }
    }

    @Test func directoryCollisionsAreDetected() throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("folder", isDirectory: true)
            let destination = archive.appendingPathComponent("folder")
            try Self.makeTree(at: source)
            try Self.makeTree(at: destination)  // an interrupted copy that was already published
            #expect(try FileMover(forceCopy: true).place(source, at: destination) == .alreadyThere)
            #expect(!Support.exists(source))
            try Self.makeTree(at: source)
            try Support.write("changed", to: source.appendingPathComponent("a.jpg"))
            #expect(throws: ArchiveError.destinationTaken(path: destination.path)) { try FileMover().place(source, at: destination) }
            try Self.expectTree(at: destination)
        }
    }

    @Test(arguments: [false, true])
    func fifoIsMovedWithoutBeingOpened(forceCopy: Bool) throws {
        try Self.withFolders { inbox, archive in
            let source = inbox.appendingPathComponent("pipe")
            #expect(mkfifo(source.path, 0o644) == 0)
            let destination = archive.appendingPathComponent("pipe")
            #expect(try FileMover(forceCopy: forceCopy).place(source, at: destination) == .moved)
            let info = try #require(Support.lstatInfo(destination))
            #expect(info.st_mode & S_IFMT == S_IFIFO && !Support.exists(source))
        }
    }

    // MARK: A real second filesystem

    /// Needs /dev/shm (tmpfs) on a different device than the temp directory; where they share a
    /// device this test is reported as skipped, not passed, because no real EXDEV could happen.
    @Test(.enabled(if: InboxTestSupport.temporaryAndSharedMemoryOnDifferentDevices,
                   "/dev/shm and the temp directory are on the same device: a real EXDEV move cannot be exercised"))
    func crossDeviceMove() throws {
        try Support.withTemporaryDirectory(in: Support.sharedMemoryDirectory) { shm in
            try Support.withTemporaryDirectory { disk in
                #expect(Support.deviceID(of: shm.path) != Support.deviceID(of: disk.path))
                let source = shm.appendingPathComponent("photo.jpg")
                let photo = try Support.dataset(Support.pklotJPEG)
                try photo.write(to: source)
                let archive = disk.appendingPathComponent("2025/01/01/cam1", isDirectory: true)
                let destination = archive.appendingPathComponent("photo.jpg")
                // Precondition: the plain hard link really fails across devices.
                try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
                #expect(link(source.path, destination.path) == -1 && errno == EXDEV)

                #expect(try FileMover().place(source, at: destination) == .moved)
                #expect(!Support.exists(source))
                #expect(try Support.contents(of: destination) == photo)
                #expect(try Self.leftovers(in: archive).isEmpty)

                let folder = shm.appendingPathComponent("folder", isDirectory: true)
                try Self.makeTree(at: folder)
                #expect(try FileMover().place(folder, at: archive.appendingPathComponent("folder")) == .moved)
                try Self.expectTree(at: archive.appendingPathComponent("folder"))
                #expect(!Support.exists(folder))

                let link = shm.appendingPathComponent("link")
                #expect(symlink("/etc/passwd", link.path) == 0)
                #expect(try FileMover().place(link, at: archive.appendingPathComponent("link")) == .moved)
                #expect(Support.isSymlink(archive.appendingPathComponent("link")))
            }
        }
    }
}
