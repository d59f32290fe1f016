import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchSpaces

@Suite("Layout import: PKLot XML and masks")
struct ImportTests {
    private static let seedLot = TestResources.dataset("seed-lot")

    @Test func pklotXMLGivesFortySpacesAndTheirLabels() throws {
        let xml = try #require(TestResources.pklotDay1.last).deletingPathExtension().appendingPathExtension("xml")
        let (layout, occupied) = try LayoutImport.fromPKLot(xml)
        #expect(layout.lot == "ufpr05")
        #expect(layout.spaces.count == 40)
        #expect(layout.spaces.allSatisfy { $0.polygon.count == 4 })
        #expect(layout.spaces.map(\.id) == (1...40).map(String.init))
        #expect(layout.imageWidth == nil && layout.imageHeight == nil)
        #expect(layout.spaces[0].polygon == [Point(x: 608, y: 613), Point(x: 741, y: 654), Point(x: 775, y: 582), Point(x: 608, y: 526)])
        // The map agrees with the file, attribute by attribute.
        #expect(occupied.count == 40)
        #expect(occupied.values.filter { $0 }.count == (try TestResources.occupiedSpaces(labelledBy: xml)))
        let text = try String(contentsOf: xml, encoding: .utf8)
        for (id, taken) in occupied {
            #expect(text.contains("<space id=\"\(id)\" occupied=\"\(taken ? 1 : 0)\">"))
        }
    }

    @Test func brokenXMLIsUnreadable() throws {
        let folder = try TemporaryFolder("pklot")
        let url = folder.path("broken.xml")
        try Data(#"<parking id="x"><space id="1" occupied="0"><contour><point x="1" y="1"/>"#.utf8).write(to: url)
        let error = try #require(throws: SpacesError.self) { try LayoutImport.fromPKLot(url) }
        guard case .layoutUnreadable(_, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.contains("<point>") || reason.contains("XML"), "\(reason)")
    }

    /// A repeated id: `fromPKLot` refuses the file; `readPKLot` (for `eval`) keeps the first space,
    /// and its label must be the first one's too, since `usableSpaces` keeps that polygon.
    @Test func aRepeatedSpaceIdKeepsTheFirstLabel() throws {
        let folder = try TemporaryFolder("pklot")
        let url = folder.path("repeated.xml")
        let square = #"<contour><point x="1" y="1"/><point x="9" y="1"/><point x="9" y="9"/><point x="1" y="9"/></contour>"#
        try Data(#"<parking id="x"><space id="1" occupied="1">\#(square)</space><space id="1" occupied="0">\#(square)</space></parking>"#.utf8).write(to: url)
        #expect(throws: SpacesError.self) { try LayoutImport.fromPKLot(url) }
        let (layout, occupied) = try LayoutImport.readPKLot(url)
        #expect(layout.spaces.count == 2 && occupied == ["1": true])
    }

    @Test func smallMaskGivesFourteenSpacesInReadingOrder() throws {
        let layout = try LayoutImport.fromMask(Self.seedLot.appendingPathComponent("mask_crop.png"))
        #expect(layout.imageWidth == 381 && layout.imageHeight == 453)
        #expect(layout.spaces.count == 14)
        #expect(layout.spaces.map(\.id) == (1...14).map(String.init))
        let centres = layout.spaces.map { PolygonGeometry.centroid($0.polygon) }
        // 2 columns x 7 rows: odd ids on the left (x ~ 137), even on the right (x ~ 272), rows going down.
        for (index, centre) in centres.enumerated() {
            #expect(index % 2 == 0 ? centre.x < 200 : centre.x > 200, "space \(index + 1) at \(centre)")
        }
        for row in 1..<7 { #expect(centres[2 * row].y > centres[2 * row - 2].y + 40) }
        try checkOutlines(layout)
    }

    @Test func fullHDMaskGives396SpacesInReadingOrder() throws {
        let layout = try LayoutImport.fromMask(Self.seedLot.appendingPathComponent("mask_1920_1080.png"))
        #expect(layout.imageWidth == 1920 && layout.imageHeight == 1080)
        #expect(layout.spaces.count == 396)
        #expect(Set(layout.spaces.map(\.id)).count == 396)
        // Reading order with a row tolerance: no space comes before one that is clearly above it.
        let centres = layout.spaces.map { PolygonGeometry.centroid($0.polygon) }
        for index in 1..<centres.count {
            let earlier = centres[..<index].map(\.y).max() ?? 0
            #expect(centres[index].y > earlier - 20, "space \(index + 1) at \(centres[index]) is above an earlier one")
        }
        try checkOutlines(layout)
    }

    /// Outlines are few-point polygons inside the image whose area is close to the component's pixel
    /// count. A traced outline runs through boundary pixel centres, so it lacks about half a pixel
    /// all round: for these 25-60 px tall spaces that is 3-7 % of the pixel count.
    private func checkOutlines(_ layout: LotLayout) throws {
        let width = Double(try #require(layout.imageWidth)), height = Double(try #require(layout.imageHeight))
        let components = try MaskComponents.extract(Data(contentsOf: Self.seedLot.appendingPathComponent(
            width == 381 ? "mask_crop.png" : "mask_1920_1080.png")), path: "mask").components
        var worst = 0.0
        for space in layout.spaces {
            #expect(space.polygon.count >= 4 && space.polygon.count <= 8, "space \(space.id) has \(space.polygon.count) points")
            #expect(space.polygon.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x < width && $0.y < height })
            let component = try #require(components.first { $0.outline == space.polygon })
            let share = PolygonGeometry.area(space.polygon) / Double(component.pixelCount)
            worst = max(worst, abs(1 - share))
            #expect(share > 0.88 && share < 1.03, "space \(space.id): outline area / pixels = \(share)")
        }
        print("mask \(Int(width))x\(Int(height)): \(layout.spaces.count) spaces, worst outline area deviation \(worst)")
    }

    @Test func notAnImageIsAnUnreadableMask() throws {
        let folder = try TemporaryFolder("mask")
        let url = folder.path("mask.png")
        try Data("not a png".utf8).write(to: url)
        let error = try #require(throws: SpacesError.self) { try LayoutImport.fromMask(url) }
        guard case .maskUnreadable(let path, _) = error else { Issue.record("got \(error)"); return }
        #expect(path == url.path)
    }

    @Test func blackMaskHasNoSpaces() throws {
        let folder = try TemporaryFolder("mask")
        let url = folder.path("black.bmp")
        var canvas = Canvas(width: 40, height: 30, fill: (0, 0, 0))
        canvas.fillConvex([(2, 2), (5, 2), (5, 4), (2, 4)], colour: (255, 255, 255))  // 12 px: a speck
        try canvas.bmp.write(to: url)
        #expect(throws: SpacesError.maskHasNoSpaces(path: url.path)) { try LayoutImport.fromMask(url) }
    }

    @Test func readingOrderKeepsSlightlyLowerNeighboursInTheirRow() {
        func component(_ x: Double, _ y: Double) -> MaskComponent {
            MaskComponent(pixelCount: 100, centroid: Point(x: x, y: y),
                          outline: [Point(x: x - 5, y: y - 10), Point(x: x + 5, y: y - 10), Point(x: x + 5, y: y + 10)])
        }
        let shuffled = [component(50, 104), component(10, 100), component(30, 95), component(10, 140), component(30, 139)]
        let ordered = LayoutImport.readingOrder(shuffled).map { [$0.centroid.x, $0.centroid.y] }
        #expect(ordered == [[10, 100], [30, 95], [50, 104], [10, 140], [30, 139]])
    }
}
