import Foundation
import HummingbirdTesting
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchWeb
import Testing

/// The lot pages take a camera's spaces from its layout file as the file is now: an edited
/// layout shows without restarting `serve`, and a broken edit leaves the last good one.
@Suite struct LayoutFileTests {
    func square(_ id: String, _ x: Double) -> ParkingSpace {
        ParkingSpace(id: id, polygon: [Point(x: x, y: 10), Point(x: x + 50, y: 10), Point(x: x + 50, y: 60), Point(x: x, y: 60)])
    }

    @Test func anEditedLayoutShowsInTheLotStatus() async throws {
        var fixture = try WebFixture()
        try await fixture.seedReadings()
        let file = fixture.folder.path("cam1.json")
        let four = LotLayout(imageWidth: 640, imageHeight: 360, spaces: WebFixture.spaces.enumerated().map { square($1, Double($0) * 60) })
        try four.write(to: file)
        fixture.settings.lots = LotCatalog(
            lots: [LotDefinition(id: "north", cameras: [LotCamera(id: "cam1", spaceIDs: WebFixture.spaces, layout: four)])],
            layoutFiles: ["cam1": file.path])
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
}
