/// An axis-aligned rectangle in image pixels; (x, y) is the top-left corner.
package struct PixelRect: Sendable, Equatable, Codable, Hashable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    package var maxX: Int { x + width }
    package var maxY: Int { y + height }

    package func intersects(_ other: PixelRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// The part inside `bounds`; nil when nothing is.
    package func clipped(to bounds: PixelRect) -> PixelRect? {
        guard intersects(bounds) else { return nil }
        let (left, top) = (max(x, bounds.x), max(y, bounds.y))
        return PixelRect(x: left, y: top, width: min(maxX, bounds.maxX) - left, height: min(maxY, bounds.maxY) - top)
    }
}

/// Overlapping tiles over a frame. Small vehicles far from the camera are only a few pixels wide
/// once a whole 1280x720 frame is shrunk to the network's 416 input; a tile is not shrunk at all.
///
/// 4x3 by default: on a 1280x720 frame a tile is 394x288, so it reaches the 416 input slightly
/// enlarged, and its boxes find the most parked cars of the dense frames (`make count-bench`);
/// finer grids cut near cars into parts counted twice (docs/benchmarks.md, "Vehicle counts on
/// dense frames").
package struct TileGrid: Sendable, Equatable, Codable {
    package var columns = 4
    package var rows = 3
    /// Fraction of a tile's width (height) shared with its right (lower) neighbour. It must exceed
    /// a vehicle's size as a fraction of a tile, so that every vehicle lies whole inside some tile.
    package var overlap = 0.25

    package init(columns: Int = 4, rows: Int = 3, overlap: Double = 0.25) {
        self.columns = columns
        self.rows = rows
        self.overlap = overlap
    }

    /// Tiles in row-major order. Together they cover the frame exactly, stay inside it,
    /// and neighbours share `overlap` of a tile. Degenerate grids or frames yield no tiles.
    package func tiles(width: Int, height: Int) -> [PixelRect] {
        guard columns >= 1, rows >= 1, width >= columns, height >= rows, overlap.isFinite else { return [] }
        let shared = min(max(overlap, 0), 0.9)
        let xs = Self.spans(length: width, count: columns, overlap: shared)
        let ys = Self.spans(length: height, count: rows, overlap: shared)
        return ys.flatMap { row in
            xs.map { column in PixelRect(x: column.start, y: row.start, width: column.size, height: row.size) }
        }
    }

    /// Splits one axis into `count` equal spans; the first starts at 0 and the last ends at `length`.
    private static func spans(length: Int, count: Int, overlap: Double) -> [(start: Int, size: Int)] {
        guard count > 1 else { return [(0, length)] }
        let exactSize = Double(length) / (Double(count) - Double(count - 1) * overlap)
        let size = min(length, Int(exactSize.rounded(.up)))
        let step = Double(length - size) / Double(count - 1)
        return (0..<count).map { index in (Int((Double(index) * step).rounded()), size) }
    }
}
