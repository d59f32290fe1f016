import Foundation
import Testing
import ParkWatchTestSupport

/// One unreadable file in a large labelled set is named on stderr and left out; the rest is judged.
@Suite struct EvalBadFilesTests {
    static let frame = "2013-02-22_06_55_00"

    static func runner(_ folder: TemporaryFolder) -> CLIRunner {
        var runner = CLIRunner(directory: folder.url)
        runner.environment["PARKWATCH_CLASSIFIER"] = TestResources.classifier
        return runner
    }

    static func copyFrame(into folder: TemporaryFolder, as stem: String) throws {
        let png = try #require(TestResources.pklotDay1.first { $0.lastPathComponent == "\(frame).png" })
        try FileManager.default.copyItem(at: png, to: folder.path("\(stem).png"))
        try FileManager.default.copyItem(at: png.deletingPathExtension().appendingPathExtension("xml"), to: folder.path("\(stem).xml"))
    }

    @Test func evalSpacesSkipsACorruptImageAndABrokenXML() async throws {
        let folder = try TemporaryFolder("eval-bad")
        try Self.copyFrame(into: folder, as: "good")
        try Self.copyFrame(into: folder, as: "cut")
        let xml = try Data(contentsOf: folder.path("cut.xml"))
        try xml.prefix(300).write(to: folder.path("cut.xml"))
        try Data("not a photo".utf8).write(to: folder.path("bad.jpg"))
        try FileManager.default.copyItem(at: folder.path("good.xml"), to: folder.path("bad.xml"))

        let result = try await Self.runner(folder).run(["eval", "spaces", folder.url.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try result.json() as? [String: Any])
        #expect(json["images"] as? Int == 1 && json["spaces"] as? Int == 40)
        #expect(json["skipped"] == nil)
        #expect(result.stderr.contains("skipped \(folder.path("bad.jpg").path): image could not be decoded"), "\(result.stderr)")
        #expect(result.stderr.contains("skipped \(folder.path("cut.xml").path): layout"), "\(result.stderr)")
    }

    /// A history teaches a camera read as a sequence; single images learn nothing from it.
    @Test func evalSpacesHistoryNeedsSequence() async throws {
        let folder = try TemporaryFolder("eval-history")
        let result = try await Self.runner(folder).run(["eval", "spaces", folder.url.path, "--history", folder.url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--history goes with --sequence"), "\(result.stderr)")
    }

    /// A label file with a few broken spaces among good ones: those are named, the rest judged.
    @Test func evalSpacesLeavesOutOnlyTheSpacesThatDoNotFit() async throws {
        let folder = try TemporaryFolder("eval-bad")
        try Self.copyFrame(into: folder, as: "good")
        var xml = try String(contentsOf: folder.path("good.xml"), encoding: .utf8)
        xml = xml.replacingOccurrences(of: "<space id=\"2\"", with: "<space id=\"1\"")
            .replacingOccurrences(of: "<point x=\"608\" y=\"613\" />", with: "<point x=\"-3\" y=\"613\" />")
            .replacingOccurrences(of: "</parking>", with: """
                <space id="98" occupied="1"><contour><point x="3000" y="100"/><point x="3100" y="100"/><point x="3100" y="200"/></contour></space>
                <space id="99" occupied="1"><contour><point x="10" y="10"/><point x="50" y="50"/></contour></space>
                </parking>
                """)
        try xml.write(to: folder.path("good.xml"), atomically: true, encoding: .utf8)

        let result = try await Self.runner(folder).run(["eval", "spaces", folder.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The frame is judged without them: not a skipped file.
        #expect(result.stdout.contains("1 images, 39 spaces, 3 labelled spaces left out (named on stderr)"), "\(result.stdout)")
        let named = result.stderr.split(separator: "\n").filter { $0.contains("\(folder.path("good.xml").path): left out space") }
        #expect(named.count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("space \"1\": duplicate id"), "\(result.stderr)")
        #expect(result.stderr.contains("space \"98\": point (3000.0, 100.0) is outside the 1280x720 image"), "\(result.stderr)")
        #expect(result.stderr.contains("space \"99\": polygon has 2 point(s)"), "\(result.stderr)")
    }

    /// Labels made for another image: every space is outside this one, so the frame is named, not judged.
    @Test func evalSpacesSkipsAFrameWhoseLabelsAreForAnotherSize() async throws {
        let folder = try TemporaryFolder("eval-bad")
        try Self.copyFrame(into: folder, as: "good")
        let xml = try String(contentsOf: folder.path("good.xml"), encoding: .utf8)
        let scaled = try NSRegularExpression(pattern: "x=\"(\\d+)\"").stringByReplacingMatches(
            in: xml, range: NSRange(xml.startIndex..., in: xml), withTemplate: "x=\"99$1\"")
        try scaled.write(to: folder.path("good.xml"), atomically: true, encoding: .utf8)

        let result = try await Self.runner(folder).run(["eval", "spaces", folder.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 images, 0 spaces, 1 file skipped, 40 labelled spaces left out (named on stderr)"), "\(result.stdout)")
        #expect(result.stderr.contains("skipped \(folder.path("good.png").path): no space of good.xml fits the 1280x720 image"), "\(result.stderr)")
    }

    @Test func evalCountsSkipsAListedFileThatIsMissing() async throws {
        let folder = try TemporaryFolder("eval-bad")
        try Self.copyFrame(into: folder, as: "good")
        try "file,count\ngood.png,4\ngone.png,30\n".write(to: folder.path("counts.csv"), atomically: true, encoding: .utf8)

        let result = try await Self.runner(folder).run(["eval", "counts", folder.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 images, 1 file skipped (named on stderr)"), "\(result.stdout)")
        #expect(result.stderr.contains("skipped \(folder.path("gone.png").path)"), "\(result.stderr)")
    }

    /// Spreadsheets write CRLF, quotes and extra columns; a row without a whole count is named.
    @Test func countsCSVAsSpreadsheetsWriteIt() async throws {
        let folder = try TemporaryFolder("eval-bad")
        try Self.copyFrame(into: folder, as: "good")
        let csv = "\"file\",\"count\",\"note\"\r\n\"good.png\",4,morning\r\n# a comment\r\n\r\ngood.png,about 4\r\n"
        try csv.write(to: folder.path("counts.csv"), atomically: true, encoding: .utf8)

        let result = try await Self.runner(folder).run(["eval", "counts", folder.url.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try result.json() as? [String: Any])
        let perImage = try #require(json["per_image"] as? [[String: Any]])
        #expect(perImage.count == 1 && perImage.first?["file"] as? String == "good.png" && perImage.first?["expected"] as? Int == 4)
        #expect(result.stderr.contains("counts.csv line 5: expected file,count"), "\(result.stderr)")
        #expect(!result.stderr.contains("line 1"), "\(result.stderr)")
    }

    @Test func evalCountsWithoutCountsCSVSaysSo() async throws {
        let folder = try TemporaryFolder("eval-bad")
        let result = try await Self.runner(folder).run(["eval", "counts", folder.url.path])
        #expect(result.status == 2 && result.stderr.contains("has no counts.csv"), "\(result.stderr)")
    }

    /// A corrupt crop is named and left out; a hidden `._` file (a macOS resource fork) is not a crop at all.
    @Test func evalCropsSkipsACorruptCrop() async throws {
        let folder = try TemporaryFolder("eval-bad")
        let busy = folder.path("busy"), free = folder.path("free")
        for label in [busy, free] { try FileManager.default.createDirectory(at: label, withIntermediateDirectories: true) }
        for (label, target) in [("busy", busy), ("free", free)] {
            let crop = try #require(TestResources.files(in: TestResources.dataset("cnrpark-a/\(label)"), ext: "jpg").first)
            try FileManager.default.copyItem(at: crop, to: target.appendingPathComponent(crop.lastPathComponent))
        }
        try Data([0xFF, 0xD8, 0xFF, 0x00]).write(to: busy.appendingPathComponent("torn.jpg"))
        try Data([0x00, 0x05, 0x16, 0x07]).write(to: busy.appendingPathComponent("._torn.jpg"))

        let result = try await Self.runner(folder).run(["eval", "crops", folder.url.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try result.json() as? [String: Any])
        #expect(json["crops"] as? Int == 2)
        #expect(result.stderr.contains("skipped \(busy.appendingPathComponent("torn.jpg").path)"), "\(result.stderr)")
        #expect(!result.stderr.contains("._torn.jpg"), "a macOS resource fork is not a crop: \(result.stderr)")
    }
}
