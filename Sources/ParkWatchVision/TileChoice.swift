/// The tiles a closer look runs over: for each area, listed in the order they matter, its own tile
/// (the one that holds the most of it, so a vehicle standing there is most likely whole in it), at
/// most `limit` tiles in all. Without a limit a frame whose whole view changed could run every
/// tile, 13 network passes where its other frames run one or a few.
package struct TileChoice: Sendable, Equatable {
    /// In the grid's order.
    package var tiles: [PixelRect]
    /// Indices of the areas whose own tile is not among `tiles`: their closer look waits.
    package var leftOut: [Int]

    /// Beyond the limit, the own tiles of areas that already waited on an earlier frame (the first
    /// `waiting` of `areas`, in that order, up to half the limit), then the tiles that are own to
    /// the most areas (of equals, the one whose first area comes first): a frame whose whole view
    /// changed gets its closer look where most of its doubt lies, a run of such frames cannot
    /// leave the same spaces out for ever, and the far spaces one frame left out, each in a tile
    /// of its own, cannot crowd out the next frame's.
    package static func choose(among grid: [PixelRect], for areas: [PixelRect], limit: Int?, waiting: Int = 0) -> TileChoice {
        choose(among: grid, owners: areas.map { ownTile(of: $0, among: grid) }, limit: limit, waiting: waiting)
    }

    /// `choose`, with each area's own tile (an index into `grid`, nil for none) given.
    package static func choose(among grid: [PixelRect], owners: [Int?], limit: Int?, waiting: Int = 0) -> TileChoice {
        var ranked: [(tile: Int, waited: Int, areas: Int, first: Int)] = []
        for (position, tile) in owners.enumerated() {
            guard let tile else { continue }
            let waited = position < waiting ? 1 : 0
            if let index = ranked.firstIndex(where: { $0.tile == tile }) {
                ranked[index].areas += 1
                ranked[index].waited = max(ranked[index].waited, waited)
            } else {
                ranked.append((tile, waited, 1, position))
            }
        }
        let count = limit ?? grid.count
        let waited = ranked.filter { $0.waited == 1 }.sorted { $0.first < $1.first }.prefix((count + 1) / 2).map(\.tile)
        let others = ranked.filter { !waited.contains($0.tile) }
            .sorted { ($0.areas, $0.waited, -$0.first) > ($1.areas, $1.waited, -$1.first) }
        let chosen = Set(waited + others.prefix(max(0, count - waited.count)).map(\.tile))
        let leftOut = owners.indices.filter { owners[$0].map { !chosen.contains($0) } ?? false }
        return TileChoice(tiles: chosen.sorted().map { grid[$0] }, leftOut: leftOut)
    }

    /// The index of the tile that holds the most of `area` (the first of equals); nil when none touches it.
    package static func ownTile(of area: PixelRect, among grid: [PixelRect]) -> Int? {
        let shares = grid.map { area.overlapArea(with: $0) }
        guard let most = shares.max(), most > 0 else { return nil }
        return shares.firstIndex(of: most)
    }
}

extension PixelRect {
    /// Pixels shared with `other`.
    func overlapArea(with other: PixelRect) -> Int {
        let width = min(maxX, other.maxX) - max(x, other.x)
        let height = min(maxY, other.maxY) - max(y, other.y)
        return max(width, 0) * max(height, 0)
    }
}
