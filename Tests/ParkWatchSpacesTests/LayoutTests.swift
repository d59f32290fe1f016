import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchSpaces

@Suite("Lot layouts")
struct LayoutTests {
    private let square = [Point(x: 10, y: 10), Point(x: 50, y: 10), Point(x: 50, y: 40), Point(x: 10, y: 40)]

    private func load(_ json: String) throws -> LotLayout {
        let folder = try TemporaryFolder("layout")
        let url = folder.path("layout.json")
        try Data(json.utf8).write(to: url)
        return try LotLayout.load(url)
    }

    private func loadError(_ json: String) throws -> SpacesError {
        let folder = try TemporaryFolder("layout")
        let url = folder.path("layout.json")
        try Data(json.utf8).write(to: url)
        return try #require(throws: SpacesError.self) { try LotLayout.load(url) }
    }

    @Test func jsonRoundTripKeepsEverything() throws {
        let layout = LotLayout(lot: "north", imageWidth: 640, imageHeight: 480, spaces: [
            ParkingSpace(id: "A1", name: "by the door", zone: "A", polygon: square),
            ParkingSpace(id: "A2", polygon: square.map { Point(x: $0.x + 50.5, y: $0.y) }),
        ])
        let folder = try TemporaryFolder("layout")
        let url = folder.path("lot.json")
        try layout.write(to: url)
        #expect(try LotLayout.load(url) == layout)
        // Stable, sorted keys: writing the loaded layout again gives the same bytes.
        let first = try Data(contentsOf: url)
        try LotLayout.load(url).write(to: url)
        #expect(try Data(contentsOf: url) == first)
        let text = try #require(String(data: first, encoding: .utf8))
        #expect(text.contains("\"imageHeight\" : 480") && text.range(of: "imageHeight")!.lowerBound < text.range(of: "imageWidth")!.lowerBound)
    }

    @Test func handWrittenLayoutWithPairsAndNoNormalizedFlag() throws {
        let layout = try load(#"{"spaces": [{"id": "7", "polygon": [[1, 1], [9, 1], [9, 5]]}]}"#)
        #expect(layout.normalized == false && layout.imageWidth == nil)
        #expect(layout.spaces[0].polygon == [Point(x: 1, y: 1), Point(x: 9, y: 1), Point(x: 9, y: 5)])
    }

    @Test func normalizedLayoutResolvesToFramePixels() throws {
        let layout = try load(#"{"normalized": true, "spaces": [{"id": "a", "polygon": [[0.25, 0.5], [0.5, 0.5], [0.5, 1]]}]}"#)
        let resolved = layout.resolved(width: 1280, height: 720)
        #expect(resolved.spaces[0].polygon == [Point(x: 320, y: 360), Point(x: 640, y: 360), Point(x: 640, y: 720)])
        #expect(resolved.normalized == false && resolved.imageWidth == 1280 && resolved.imageHeight == 720)
    }

    @Test func usableSpacesKeepsTheGoodOnesAndNamesTheRest() {
        let layout = LotLayout(spaces: [
            ParkingSpace(id: "edge", polygon: square.map { Point(x: $0.x - 14, y: $0.y) }),
            ParkingSpace(id: "edge", polygon: square),
            ParkingSpace(id: "far", polygon: square.map { Point(x: $0.x + 600, y: $0.y) }),
            ParkingSpace(id: "line", polygon: [Point(x: 1, y: 1), Point(x: 5, y: 5), Point(x: 9, y: 9)]),
            ParkingSpace(id: "two", polygon: Array(square.prefix(2))),
            ParkingSpace(id: "ok", polygon: square),
        ])
        let (usable, dropped) = layout.usableSpaces(width: 100, height: 100)
        #expect(usable.spaces.map(\.id) == ["edge", "ok"])
        #expect(usable.spaces[0].polygon[0] == Point(x: -4, y: 10))
        #expect(usable.imageWidth == 100 && usable.imageHeight == 100)
        #expect(dropped.map(\.description) == [
            "invalid layout: space \"edge\": duplicate id, an earlier one kept",
            "invalid layout: space \"far\": point (610.0, 10.0) is outside the 100x100 image",
            "invalid layout: space \"line\": polygon has no area (its points are on one line)",
            "invalid layout: space \"two\": polygon has 2 point(s), needs at least 3",
        ])
    }

    /// An outline a little past the frame's edge (a space the frame cuts) is moved onto it and named;
    /// one reaching further is left for `validate()`, which names it; without a size nothing moves.
    @Test func clippingMovesPointsJustPastTheEdgeOntoItAndLeavesTheRest() throws {
        let layout = LotLayout(imageWidth: 100, imageHeight: 100, spaces: [
            ParkingSpace(id: "top", polygon: square.map { Point(x: $0.x + 50, y: $0.y - 14) }),
            ParkingSpace(id: "inside", polygon: square),
            ParkingSpace(id: "far", polygon: square.map { Point(x: $0.x, y: $0.y + 100) }),
        ])
        let (clipped, ids) = layout.clippedToImage()
        #expect(ids == ["top"])
        #expect(clipped.spaces[0].polygon == [Point(x: 60, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 26), Point(x: 60, y: 26)])
        #expect(clipped.spaces[1] == layout.spaces[1] && clipped.spaces[2].polygon[2] == Point(x: 50, y: 140))
        let error = try #require(throws: SpacesError.self) { try clipped.validate() }
        #expect(error.description == "invalid layout: space \"far\": point 0 (10.0, 110.0) is outside the 100x100 image")
        var sizeless = layout
        (sizeless.imageWidth, sizeless.imageHeight) = (nil, nil)
        #expect(sizeless.clippedToImage().clipped.isEmpty)
    }

    @Test func pixelLayoutForALargerMaskScalesToTheVideo() throws {
        let layout = LotLayout(imageWidth: 381, imageHeight: 453, spaces: [
            ParkingSpace(id: "1", polygon: [Point(x: 0, y: 0), Point(x: 381, y: 0), Point(x: 381, y: 453), Point(x: 190.5, y: 226.5)]),
        ])
        let resolved = layout.resolved(width: 380, height: 452)
        let polygon = resolved.spaces[0].polygon
        #expect(polygon[2] == Point(x: 380, y: 452))
        #expect(abs(polygon[3].x - 190) < 1e-9 && abs(polygon[3].y - 226) < 1e-9)
        #expect(resolved.imageWidth == 380 && resolved.imageHeight == 452)
        // Same size: untouched.
        #expect(layout.resolved(width: 381, height: 453).spaces == layout.spaces)
    }

    @Test func theViewIsOptionalAndOnlyDepthOrTopDown() throws {
        let triangle = #"[{"id": "1", "polygon": [[1, 1], [9, 1], [9, 5]]}]"#
        #expect(try load(#"{"spaces": \#(triangle)}"#).view == nil)
        #expect(try load(#"{"view": "top-down", "spaces": \#(triangle)}"#).view == .topDown)
        #expect(try load(#"{"view": "depth", "spaces": \#(triangle)}"#).view == .depth)
        #expect(try loadError(#"{"view": "sideways", "spaces": \#(triangle)}"#)
            == .invalidLayout(field: "view", reason: #"must be "depth" or "top-down", is "sideways""#))
    }

    @Test func notJSONNamesTheFile() throws {
        let error = try loadError("spaces: [1, 2]")
        guard case .layoutUnreadable(let path, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(path.hasSuffix("layout.json") && reason.contains("JSON"))
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: SpacesError.self) { try LotLayout.load(URL(fileURLWithPath: "/nonexistent/lot.json")) }
    }

    @Test func badFieldsNameTheirPath() throws {
        #expect(try loadError(#"{"spaces": [{"id": "1", "polygon": [[1, 1], [2, "x"], [3, 3]]}]}"#)
            == .invalidLayout(field: "spaces[0].polygon[1][1]", reason: "expected a number"))
        #expect(try loadError(#"{"spaces": [{"id": "1"}]}"#) == .invalidLayout(field: "spaces[0].polygon", reason: "missing"))
        #expect(try loadError(#"{"lot": "x"}"#) == .invalidLayout(field: "spaces", reason: "missing"))
        #expect(try loadError(#"{"spaces": []}"#) == .invalidLayout(field: "spaces", reason: "the layout has no spaces"))
        #expect(try loadError(#"{"imageWidth": 0, "imageHeight": 5, "spaces": []}"#)
            == .invalidLayout(field: "imageWidth", reason: "must be positive, is 0"))
    }

    @Test func badSpacesNameTheSpace() throws {
        let triangle = "[[1, 1], [9, 1], [9, 5]]"
        #expect(try loadError(#"{"spaces": [{"id": "B4", "polygon": \#(triangle)}, {"id": "B4", "polygon": \#(triangle)}]}"#)
            == .invalidSpace(id: "B4", reason: "duplicate id (spaces[0] and spaces[1])"))
        #expect(try loadError(#"{"spaces": [{"id": "C1", "polygon": [[1, 1], [9, 1]]}]}"#)
            == .invalidSpace(id: "C1", reason: "polygon has 2 point(s), needs at least 3"))
        let outside = try loadError(#"{"normalized": true, "spaces": [{"id": "N2", "polygon": [[0.1, 0.1], [1.2, 0.1], [0.5, 0.9]]}]}"#)
        #expect(outside == .invalidSpace(id: "N2", reason: "point 1 (1.2, 0.1) is outside 0...1 (the layout is normalized)"))
        let beyond = try loadError(#"{"imageWidth": 100, "imageHeight": 50, "spaces": [{"id": "P", "polygon": [[1, 1], [90, 1], [90, 51]]}]}"#)
        #expect(beyond.description == "invalid layout: space \"P\": point 2 (90.0, 51.0) is outside the 100x50 image")
        #expect(try loadError(#"{"spaces": [{"id": "L", "polygon": [[1, 1], [2, 2], [3, 3]]}]}"#)
            == .invalidSpace(id: "L", reason: "polygon has no area (its points are on one line)"))
    }
}
