import Testing
@testable import ParkWatchVision

@Suite("Mapping boxes from a pass back to the frame")
struct BoxMappingTests {
    /// The top-right tile of a 1280x720 frame under the default grid.
    let tile = PixelRect(x: 768, y: 0, width: 512, height: 412)

    @Test func undoesTheScaleAndAddsTheTileOrigin() throws {
        // Letterbox scale for a 512x412 tile into 416: min(416/512, 416/412) = 0.8125.
        let inInput = VehicleBox(x: 81.25, y: 40.625, w: 65, h: 32.5, score: 0.7, label: "car")
        let mapped = try #require(inInput.mapped(fromInputScale: 0.8125, region: tile))
        #expect(mapped == VehicleBox(x: 868, y: 50, w: 80, h: 40, score: 0.7, label: "car"))
    }

    @Test func clipsToTheRegionAndDropsWhatLiesOutside() throws {
        // Reaches into the grey padding below the tile's content (412 * 0.8125 = 334.75 input pixels).
        let intoPadding = VehicleBox(x: 100, y: 300, w: 50, h: 80, score: 0.5, label: "car")
        let clipped = try #require(intoPadding.mapped(fromInputScale: 0.8125, region: tile))
        #expect(clipped.y + clipped.h == 412)
        let inPaddingOnly = VehicleBox(x: 100, y: 350, w: 50, h: 40, score: 0.5, label: "car")
        #expect(inPaddingOnly.mapped(fromInputScale: 0.8125, region: tile) == nil)
        let leftOfTile = VehicleBox(x: -30, y: 10, w: 40, h: 20, score: 0.5, label: "car")
        #expect(try #require(leftOfTile.mapped(fromInputScale: 0.8125, region: tile)).x == 768)
    }

    @Test func onlyInnerTileEdgesMakeAFragment() {
        func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> VehicleBox {
            VehicleBox(x: x, y: y, w: w, h: h, score: 0.5, label: "car")
        }
        // The tile's left edge (x 768) and bottom edge (y 412) lie inside the frame; its top and right are the frame's.
        #expect(box(768, 100, 60, 40).reachesInnerEdge(of: tile, frameWidth: 1280, frameHeight: 720))
        #expect(box(900, 380, 60, 32).reachesInnerEdge(of: tile, frameWidth: 1280, frameHeight: 720))
        #expect(!box(1220, 0, 60, 40).reachesInnerEdge(of: tile, frameWidth: 1280, frameHeight: 720))
        #expect(!box(900, 100, 60, 40).reachesInnerEdge(of: tile, frameWidth: 1280, frameHeight: 720))
        let wholeFrame = PixelRect(x: 0, y: 0, width: 1280, height: 720)
        #expect(!box(0, 0, 1280, 720).reachesInnerEdge(of: wholeFrame, frameWidth: 1280, frameHeight: 720))
    }
}
