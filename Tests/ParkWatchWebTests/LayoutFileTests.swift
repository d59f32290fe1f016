import Foundation
import Hummingbird
import HummingbirdTesting
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchWeb
import Testing

/// The lot pages take a camera's spaces from its layout file as the file is now: an edited
/// layout shows without restarting `serve`, and a broken edit leaves the last good one. The
/// editor's form writes that file under the forms' rules and keeps the version it replaces.
@Suite struct LayoutFileTests {
    func square(_ id: String, _ x: Double) -> ParkingSpace {
        ParkingSpace(id: id, polygon: [Point(x: x, y: 10), Point(x: x + 50, y: 10), Point(x: x + 50, y: 60), Point(x: x, y: 60)])
    }

    @Test func anEditedLayoutShowsInTheLotStatus() async throws {
        let (fixture, file, four) = try editable()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            func spaceIDs() async throws -> [String] {
                let status = try await client.send("/api/lots/north/status", .get).object
                return (status["spaces"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await spaceIDs() == WebFixture.spaces)
            var five = four
            five.spaces.append(square("A5", 240))
            try five.write(to: file)
            #expect(try await spaceIDs() == WebFixture.spaces + ["A5"])
            try Data("{".utf8).write(to: file)
            #expect(try await spaceIDs() == WebFixture.spaces + ["A5"])
        }
    }

    func editable() throws -> (WebFixture, URL, LotLayout) {
        var fixture = try WebFixture()
        let file = fixture.folder.path("cam1.json")
        let four = LotLayout(imageWidth: 640, imageHeight: 360, spaces: WebFixture.spaces.enumerated().map { square($1, Double($0) * 60) })
        try four.write(to: file)
        fixture.settings.lots = LotCatalog(
            lots: [LotDefinition(id: "north", cameras: [LotCamera(id: "cam1", spaceIDs: WebFixture.spaces, layout: four)])],
            layoutFiles: ["cam1": file.path])
        return (fixture, file, four)
    }

    func save(_ client: some TestClientProtocol, _ spaces: [[String: Any]], csrf: String) async throws -> TestResponse {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spaces), as: UTF8.self)
        let fields = ["csrf": csrf, "camera": "cam1", "width": "1280", "height": "720", "layout": json]
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(
            uri: "/lots/north/layout", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// The page shows the 640x360 layout on a 1280x720 photo; a save posts photo pixels and the file
    /// keeps its own size. A bad layout or an expired form changes nothing.
    @Test func theEditorsFormWritesTheFileAndKeepsTheOldVersion() async throws {
        let (fixture, file, four) = try editable()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let page = try await client.send("/lots/north/layout", .get)
            #expect(page.status == .ok && page.text.contains("id=\"layout-data\""))
            let csrf = String(try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f.]+)"/)).1)
            let corners = [[0.0, 20.0], [100.0, 20.0], [100.0, 120.0], [0.0, 120.0]]
            let twice = try await save(client, [["id": "A1", "polygon": corners], ["id": "A1", "polygon": corners]], csrf: csrf)
            #expect(twice.status == .badRequest && twice.text.contains("A1"))
            #expect(try LotLayout.load(file) == four)
            #expect(try await save(client, [["id": "B1", "polygon": corners]], csrf: "0.forged").status == .forbidden)

            let saved = try await save(client, [["id": "B1", "name": "Gate", "polygon": corners]], csrf: csrf)
            #expect(saved.status == .seeOther || saved.status == .found)
            let written = try LotLayout.load(file)
            #expect(written.spaces.map(\.id) == ["B1"] && written.spaces[0].name == "Gate" && written.imageWidth == 640)
            #expect(written.reference == nil, "the photos of this fixture have no archived file to keep as the reference")
            #expect(written.spaces[0].polygon == [Point(x: 0, y: 10), Point(x: 50, y: 10), Point(x: 50, y: 60), Point(x: 0, y: 60)])
            let versions = file.deletingLastPathComponent().appendingPathComponent("cam1.json.versions")
            let kept = try FileManager.default.contentsOfDirectory(atPath: versions.path).filter { $0.hasSuffix(".json") }
            #expect(kept.count == 1)
            #expect(try LotLayout.load(versions.appendingPathComponent(kept[0])) == four)
            let history = try String(contentsOf: versions.appendingPathComponent("history.tsv"), encoding: .utf8)
            #expect(history == "2026-05-01T10:00:00Z\tno sign-in\t1\t\(kept[0])\n")
            #expect(try await client.send("/lots/annex/layout", .get).status == .notFound)
        }
    }

    /// The history names a sign-in by a digest of its session id, never by the id itself.
    @Test func theHistorySaysWhoWithoutTheSessionId() {
        #expect(LayoutRoutes.who(nil) == "no sign-in")
        #expect(LayoutRoutes.who("abc") == "session ba7816bf")  // SHA-256("abc") begins ba7816bf
    }
}
