import Foundation
import ParkWatchSpaces
import ParkWatchTestSupport
import Testing

/// An edit saved over a layout file: the points come back in the file's own coordinates, the old
/// file is kept with a history line, and a refused edit leaves everything as it was.
@Suite struct LayoutVersionsTests {
    let square = [Point(x: 0.1, y: 0.1), Point(x: 0.2, y: 0.1), Point(x: 0.2, y: 0.2), Point(x: 0.1, y: 0.2)]

    @Test func aNormalizedLayoutStaysNormalizedAndItsOldVersionIsKept() throws {
        let folder = try TemporaryFolder("versions")
        let file = folder.path("lot.json")
        let drawn = LotLayout(lot: "east", normalized: true, spaces: [ParkingSpace(id: "1", polygon: square)])
        try drawn.write(to: file)
        let versions = LayoutVersions(file: file)
        let inFrame = [Point(x: 200, y: 100), Point(x: 400, y: 100), Point(x: 400, y: 300), Point(x: 200, y: 300)]
        let at = Date(timeIntervalSince1970: 1_796_292_000)  // 2026-12-03T10:00:00Z
        let saved = try versions.save([ParkingSpace(id: "2", zone: "north", polygon: inFrame)], frame: (2000, 1000), who: "session ab12cd34", at: at)
        #expect(saved.lot == "east" && saved.normalized)
        #expect(try LotLayout.load(file).spaces == [ParkingSpace(id: "2", zone: "north", polygon: [
            Point(x: 0.1, y: 0.1), Point(x: 0.2, y: 0.1), Point(x: 0.2, y: 0.3), Point(x: 0.1, y: 0.3),
        ])])
        #expect(try LotLayout.load(versions.folder.appendingPathComponent("2026-12-03T10-00-00Z.json")) == drawn)
        let history = try String(contentsOf: versions.folder.appendingPathComponent("history.tsv"), encoding: .utf8)
        #expect(history == "2026-12-03T10:00:00Z\tsession ab12cd34\t1\t2026-12-03T10-00-00Z.json\n")

        #expect(throws: SpacesError.self) {
            try versions.save([ParkingSpace(id: "3", polygon: Array(inFrame.prefix(2)))], frame: (2000, 1000), who: "x", at: at + 60)
        }
        #expect(try LotLayout.load(file).spaces.map(\.id) == ["2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: versions.folder.path).count == 2)
    }

    /// The photo an edit was made on is copied beside the layout and becomes its reference.
    @Test func thePhotoTheEditWasMadeOnBecomesTheReference() throws {
        let folder = try TemporaryFolder("versions")
        let file = folder.path("lot.json")
        try LotLayout(imageWidth: 1280, imageHeight: 720, spaces: [ParkingSpace(id: "1", polygon: square.map { Point(x: $0.x * 1000, y: $0.y * 1000) })])
            .write(to: file)
        let photo = try #require(TestResources.pklotDay1.first)
        let at = Date(timeIntervalSince1970: 1_796_292_000)
        let saved = try LayoutVersions(file: file).save(
            [ParkingSpace(id: "1", polygon: [Point(x: 10, y: 10), Point(x: 90, y: 10), Point(x: 90, y: 60), Point(x: 10, y: 60)])],
            frame: (1280, 720), drawnOn: photo, who: "x", at: at)
        let copy = folder.path("lot.json.reference-2026-12-03T10-00-00Z.png")
        #expect(saved.reference == copy.path)
        #expect(try Data(contentsOf: copy) == Data(contentsOf: photo))
        // Written relative to the layout, so the folder can move.
        #expect(try String(contentsOf: file, encoding: .utf8).contains("\"reference\" : \"lot.json.reference-2026-12-03T10-00-00Z.png\""))
    }
}
