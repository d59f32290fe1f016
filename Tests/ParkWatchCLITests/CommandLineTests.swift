import Foundation
import Testing
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision

@Suite struct CommandLineTests {
    @Test func analyzeJSONFollowsTheContract() async throws {
        let folder = try TemporaryFolder("cli")
        let frame = try #require(TestResources.pklotDay1.first)
        let result = try await CLIRunner(directory: folder.url).run("analyze", frame.path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let array = try #require(try result.json() as? [[String: Any]])
        #expect(array.count == 1)
        let item = try #require(array.first)
        #expect(Set(item.keys).isSuperset(of: ["file", "vehicles", "boxes", "ms"]))
        #expect(item["file"] as? String == frame.path)
        let boxes = try #require(item["boxes"] as? [[String: Any]])
        #expect(item["vehicles"] as? Int == boxes.count && boxes.count > 0)
        #expect(boxes.allSatisfy { Set($0.keys) == ["x", "y", "w", "h", "score", "label"] })
        #expect(boxes.allSatisfy { ["car", "motorcycle", "bus", "truck"].contains($0["label"] as? String ?? "") })
        #expect((item["ms"] as? Double ?? 0) > 0)
        // Nothing stored or moved.
        #expect(folder.files().isEmpty && FileManager.default.fileExists(atPath: frame.path))
    }

    /// A PKLot XML file does not say its frame's size: `lot import` takes it from the frame beside
    /// it, so the spaces scale to the camera's frames at another size. An XML alone gives none.
    @Test func importingPKLotRecordsTheSizeOfTheFrameBesideIt() async throws {
        let folder = try TemporaryFolder("cli-lot-import")
        let cli = CLIRunner(directory: folder.url)
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        try FileManager.default.copyItem(at: xml, to: folder.path("alone.xml"))
        let written = { (name: String) in try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path(name))) as? [String: Any]) }

        let beside = try await cli.run("lot", "import", "--from-pklot", xml.path, "--out", "beside.json")
        #expect(beside.status == 0 && beside.stdout == "beside.json: 40 spaces drawn for 1280x720\n", "\(beside.stdout)\(beside.stderr)")
        #expect(try written("beside.json")["imageWidth"] as? Int == 1280 && written("beside.json")["imageHeight"] as? Int == 720)
        let alone = try await cli.run("lot", "import", "--from-pklot", folder.path("alone.xml").path, "--out", "alone.json")
        #expect(alone.status == 0 && alone.stdout == "alone.json: 40 spaces\n", "\(alone.stdout)\(alone.stderr)")
        #expect(try written("alone.json")["imageWidth"] == nil)
    }

    /// A labelled frame whose outline reaches a little past its edge (a space the frame cuts) imports
    /// with that outline clipped to the frame, said so; one reaching far past it is named.
    @Test func importingPKLotClipsAnOutlineJustPastTheFrameAndNamesOneFarPastIt() async throws {
        let folder = try TemporaryFolder("cli-lot-edge")
        let cli = CLIRunner(directory: folder.url)
        let frame = try #require(TestResources.pklotDay1.first)
        let xml = try String(contentsOf: frame.deletingPathExtension().appendingPathExtension("xml"), encoding: .utf8)
        for (name, y) in [("edge", 730), ("far", 900)] {
            try FileManager.default.copyItem(at: frame, to: folder.path("\(name).png"))
            try xml.replacingOccurrences(of: #"<point x="741" y="654" />"#, with: #"<point x="741" y="\#(y)" />"#)
                .write(to: folder.path("\(name).xml"), atomically: true, encoding: .utf8)
        }
        let edge = try await cli.run("lot", "import", "--from-pklot", folder.path("edge.xml").path, "--out", "edge.json")
        #expect(edge.status == 0 && edge.stdout == "edge.json: 40 spaces drawn for 1280x720 (1 clipped to the frame's edge: 1)\n", "\(edge.stdout)\(edge.stderr)")
        let layout = try LotLayout.load(folder.path("edge.json"))
        #expect(layout.spaces.first?.polygon[1] == Point(x: 741, y: 720))
        let far = try await cli.run("lot", "import", "--from-pklot", folder.path("far.xml").path, "--out", "far.json")
        #expect(far.status != 0 && far.stderr.contains(#"space "1": point 1 (741.0, 900.0) is outside the 1280x720 image"#), "\(far.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("far.json").path))
    }

    /// A dev frame darkened as dusk darkens it: `analyze` says it lifted it, and reads every space.
    /// Read as it is, its spaces would be unknown, "too dark". A fogged one: it says it stretched it.
    @Test func analyzeSaysWhenItLiftedADimImageStretchedAFlatOneOrSharpenedASoftOne() async throws {
        let folder = try TemporaryFolder("cli")
        let frame = try #require(TestResources.pklotDay1.last)
        let xml = frame.deletingPathExtension().appendingPathExtension("xml")
        try LayoutImport.fromPKLot(xml).layout.write(to: folder.path("ufpr05.json"))
        // Nothing drawn over it: the darkened frame as a PNG.
        try OverlayRenderer.render(try Image(contentsOfFile: frame.path).withGamma(3), spaces: [], banner: "", to: folder.path("dim.png"))
        var runner = CLIRunner(directory: folder.url)
        runner.environment["PARKWATCH_CLASSIFIER"] = TestResources.classifier
        let result = try await runner.run("analyze", folder.path("dim.png").path, "--lot", folder.path("ufpr05.json").path, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let item = try #require((try result.json() as? [[String: Any]])?.first)
        let gamma = try #require(item["lifted_by"] as? Double, "\(item.keys)")
        #expect(gamma > 0 && gamma < 1)
        let spaces = try #require(item["spaces"] as? [String: Any])
        #expect(spaces["unknown"] as? Int == 0 && spaces["total"] as? Int == 40, "\(spaces)")

        let lit = try await runner.run("analyze", frame.path, "--json")
        let clear = try #require((try lit.json() as? [[String: Any]])?.first)
        #expect(clear["lifted_by"] == nil && clear["stretched_by"] == nil)

        // The frame in thick fog (levels three parts in four light grey): stretched, and said so.
        let fog = try Image(contentsOfFile: frame.path).mapped(by: Fog.thick)
        try OverlayRenderer.render(fog, spaces: [], banner: "", to: folder.path("fog.png"))
        let fogged = try await runner.run("analyze", folder.path("fog.png").path)
        #expect(fogged.status == 0 && fogged.stdout.contains("flat: contrast stretched"), "\(fogged.stdout)")

        // Through a soft lens: sharpened for the detector, and said so; the clear frame is not.
        try OverlayRenderer.render(try Image(contentsOfFile: frame.path).blurred(sigma: 4.5), spaces: [], banner: "", to: folder.path("soft.png"))
        let soft = try await runner.run("analyze", folder.path("soft.png").path, "--json")
        let softened = try #require((try soft.json() as? [[String: Any]])?.first)
        #expect(softened["sharpened"] as? Bool == true && clear["sharpened"] == nil, "\(softened.keys)")
        let said = try await runner.run("analyze", folder.path("soft.png").path)
        #expect(said.stdout.contains("soft: sharpened for the detector"), "\(said.stdout)")
    }

    @Test(arguments: [
        ["frobnicate"],
        ["history", "--from", "yesterday"],
        ["report", "--from", "2013-02-22"],
        ["report", "--from", "2013-02-23", "--to", "2013-02-22"],
        ["watch", "--timezone", "Mars/Olympus"],
        ["analyze"],
        ["eval", "spaces", ".", "--no-gating"],
        ["replay", ".", "--lot", "x.json", "--compare", "--no-gating"],
    ])
    func badUsageExitsTwoWithAMessage(_ arguments: [String]) async throws {
        let folder = try TemporaryFolder("cli")
        let result = try await CLIRunner(directory: folder.url).run(arguments)
        let stderr = result.stderr
        #expect(result.status == 2, "\(arguments): \(stderr)")
        #expect(stderr.contains("rror"), "\(arguments)")
        #expect(folder.files().isEmpty, "bad usage must not create files")
    }

    @Test func runtimeFailuresExitOneWithOneLine() async throws {
        let folder = try TemporaryFolder("cli")
        let runner = CLIRunner(directory: folder.url)
        let noModel = try await runner.run("analyze", "x.png", "--model", "/nonexistent/model.onnx")
        #expect(noModel.status == 1)
        #expect(noModel.stderr.contains("/nonexistent/model.onnx"))
        #expect(noModel.stderr.split(separator: "\n").count == 1, "\(noModel.stderr)")
        let noDatabase = try await runner.run("history", "--db", "missing.sqlite")
        #expect(noDatabase.status == 1 && noDatabase.stderr.contains("missing.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("missing.sqlite").path))
        let unreadable = try await runner.run("analyze", "nothing-here.jpg", "--json")
        #expect(unreadable.status == 1)
        let array = try #require(try unreadable.json() as? [[String: Any]])
        #expect(array.first?["error"] is String)
    }

    @Test func helpExitsZero() async throws {
        let result = try await CLIRunner(directory: FileManager.default.temporaryDirectory).run("--help")
        #expect(result.status == 0 && result.stdout.contains("watch") && result.stdout.contains("history"))
    }
}
