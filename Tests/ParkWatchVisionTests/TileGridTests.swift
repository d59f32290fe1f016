import Testing
import ParkWatchVision

@Suite("Tile grid geometry")
struct TileGridTests {
    @Test func defaultGridGivesTwelveTilesOnAPKLotFrame() {
        let tiles = TileGrid().tiles(width: 1280, height: 720)
        #expect(tiles.count == 12)
        // 1280 / (4 - 3 * 0.25) = 393.8, rounded up to 394 wide; 720 / (3 - 2 * 0.25) = 288 high:
        // both under the network's 416 input, so no tile is shrunk.
        #expect(tiles.allSatisfy { $0.width == 394 && $0.height == 288 })
        #expect(tiles.first == PixelRect(x: 0, y: 0, width: 394, height: 288))
        #expect(tiles.last == PixelRect(x: 886, y: 432, width: 394, height: 288))
    }

    @Test(arguments: [(1280, 720), (1281, 719), (1920, 1080), (641, 480), (97, 61)])
    func tilesCoverEveryPixelAndStayInside(width: Int, height: Int) {
        let tiles = TileGrid().tiles(width: width, height: height)
        #expect(tiles.count == 12)
        #expect(tiles.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.maxX <= width && $0.maxY <= height })
        var covered = [Bool](repeating: false, count: width * height)
        for tile in tiles {
            for y in tile.y..<tile.maxY { for x in tile.x..<tile.maxX { covered[y * width + x] = true } }
        }
        #expect(covered.allSatisfy { $0 })
    }

    @Test func neighboursShareTheOverlap() {
        let grid = TileGrid(columns: 3, rows: 2, overlap: 0.25)
        let tiles = grid.tiles(width: 1280, height: 720)
        let (topLeft, topMiddle, bottomLeft) = (tiles[0], tiles[1], tiles[3])
        let sharedWidth = topLeft.maxX - topMiddle.x
        let sharedHeight = topLeft.maxY - bottomLeft.y
        #expect(abs(Double(sharedWidth) - 0.25 * Double(topLeft.width)) <= 1)
        #expect(abs(Double(sharedHeight) - 0.25 * Double(topLeft.height)) <= 1)
    }

    @Test func singleTileIsTheWholeFrameAndDegenerateGridsGiveNone() {
        #expect(TileGrid(columns: 1, rows: 1, overlap: 0.25).tiles(width: 800, height: 600)
            == [PixelRect(x: 0, y: 0, width: 800, height: 600)])
        #expect(TileGrid(columns: 0, rows: 2).tiles(width: 800, height: 600).isEmpty)
        #expect(TileGrid().tiles(width: 2, height: 600).isEmpty)
        #expect(TileGrid(overlap: .nan).tiles(width: 800, height: 600).isEmpty)
    }
}
