import ParkWatchVision
import Testing

/// Which tiles a closer look runs, on the default grid of a 1280x720 frame (4x3 tiles of 394x288).
@Suite("Tile choice for a closer look")
struct TileChoiceTests {
    let grid = TileGrid().tiles(width: 1280, height: 720)

    /// An area in the top-left corner that reaches a little into the second column.
    let corner = PixelRect(x: 20, y: 20, width: 340, height: 100)
    /// An area across the first two columns of the middle row, mostly in the second.
    let straddling = PixelRect(x: 280, y: 300, width: 200, height: 60)

    @Test func anAreasOwnTileIsTheOneHoldingMostOfIt() {
        #expect(TileChoice.ownTile(of: corner, among: grid) == 0)
        #expect(grid[1].intersects(corner), "the second tile touches the area too")
        #expect(TileChoice.ownTile(of: straddling, among: grid) == 5)
        #expect(TileChoice.ownTile(of: PixelRect(x: 2000, y: 0, width: 10, height: 10), among: grid) == nil)
    }

    /// Without a limit each area gets its own tile, and only that one, in the grid's order.
    @Test func withoutALimitEachAreaGetsItsOwnTile() {
        let choice = TileChoice.choose(among: grid, for: [straddling, corner], limit: nil)
        #expect(choice.tiles == [grid[0], grid[5]])
        #expect(choice.leftOut.isEmpty)
    }

    /// Beyond the limit the tiles owning the most areas run; the areas of the others are left out,
    /// named by their place in the list. Of equal tiles, the one whose first area comes first runs.
    @Test func beyondTheLimitTheTilesOwningMostAreasRun() {
        let lowerRight = PixelRect(x: 1100, y: 600, width: 40, height: 40)
        let nearLowerRight = PixelRect(x: 1150, y: 620, width: 40, height: 40)
        let areas = [corner, lowerRight, straddling, nearLowerRight]
        let one = TileChoice.choose(among: grid, for: areas, limit: 1)
        #expect(one.tiles == [grid[11]])
        #expect(one.leftOut == [0, 2])
        let two = TileChoice.choose(among: grid, for: areas, limit: 2)
        #expect(two.tiles == [grid[0], grid[11]])
        #expect(two.leftOut == [2])
        #expect(TileChoice.choose(among: grid, for: areas, limit: 3).leftOut.isEmpty)
    }

    /// The tiles of areas that waited on an earlier frame (the first `waiting` of them) run first,
    /// however few areas they own, up to half the limit: a run of frames whose whole view changed
    /// cannot leave the same spaces out every time, nor can the spaces that waited crowd out a
    /// tile holding many of this frame's.
    @Test func tilesOfWaitingAreasRunFirst() {
        let lowerRight = PixelRect(x: 1100, y: 600, width: 40, height: 40)
        let nearLowerRight = PixelRect(x: 1150, y: 620, width: 40, height: 40)
        let areas = [corner, lowerRight, nearLowerRight]
        #expect(TileChoice.choose(among: grid, for: areas, limit: 1).tiles == [grid[11]])
        let waited = TileChoice.choose(among: grid, for: areas, limit: 1, waiting: 1)
        #expect(waited.tiles == [grid[0]])
        #expect(waited.leftOut == [1, 2])
        // Three areas waited, each in its own tile; the lower-right tile holds two of this frame's.
        let top = PixelRect(x: 500, y: 20, width: 40, height: 40)
        let right = PixelRect(x: 1000, y: 20, width: 40, height: 40)
        let queue = [corner, top, right, lowerRight, nearLowerRight]
        let three = TileChoice.choose(among: grid, for: queue, limit: 3, waiting: 3)
        #expect(three.tiles == [grid[0], grid[1], grid[11]])
        #expect(three.leftOut == [2])
        #expect(TileChoice.choose(among: grid, for: queue, limit: 4, waiting: 3).leftOut.isEmpty)
    }
}
