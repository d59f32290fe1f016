import Yams

/// Reads a `detector` section, at the top level or under a camera. Keys it leaves out keep the
/// values of `base`, which is how a camera's override merges with the top-level detector.
enum DetectorReader {
    static let keys = [
        "score_threshold", "faint_score_threshold", "adjusted_score_threshold", "nms_iou", "tiles", "tile_when_long_side_above",
    ]
    static let tileKeys = ["columns", "rows", "overlap"]

    static func read(_ field: Field, over base: DetectorConfig) -> DetectorConfig {
        var detector = base
        guard let map = FieldMap.read(field, allowed: keys) else { return detector }
        if let value = map["score_threshold"]?.number(.unitInterval) { detector.scoreThreshold = value }
        if let value = map["faint_score_threshold"]?.number(.unitInterval) { detector.faintScoreThreshold = value }
        if let value = map["adjusted_score_threshold"]?.number(.unitInterval) { detector.adjustedScoreThreshold = value }
        if let value = map["nms_iou"]?.number(.unitInterval) { detector.nmsIoU = value }
        if let tiles = map["tiles"] { readTiles(tiles, into: &detector.tiles) }
        if let pixels = map["tile_when_long_side_above"]?.wholeNumber(in: 0...Int.max) {
            detector.tileWhenLongSideAbove = pixels
        }
        return detector
    }

    /// `off` (or any YAML false) disables tiling, `on` restores the grid, a mapping changes some of
    /// its keys. A grid given over `off` starts from the default grid.
    private static func readTiles(_ field: Field, into tiles: inout TilesConfig?) {
        if case .scalar(let scalar) = field.node, let switchedOn = onOff(scalar.string, tag: field.node) {
            tiles = switchedOn ? (tiles ?? .defaults) : nil
            return
        }
        guard case .mapping = field.node else {
            field.fail("must be `off` or a mapping such as {columns: 4, rows: 3, overlap: 0.25} (got \(field.shown))")
            return
        }
        guard let map = FieldMap.read(field, allowed: tileKeys) else { return }
        var grid = tiles ?? .defaults
        if let columns = map["columns"]?.wholeNumber(in: 1...16) { grid.columns = columns }
        if let rows = map["rows"]?.wholeNumber(in: 1...16) { grid.rows = rows }
        if let overlap = map["overlap"]?.number(.tileOverlap) { grid.overlap = overlap }
        tiles = grid
    }

    /// A YAML boolean, or the words `on`/`off` even when quoted.
    private static func onOff(_ text: String, tag node: Node) -> Bool? {
        if node.hasTag(.bool) { return node.bool }
        switch text.lowercased() {
        case "on": return true
        case "off": return false
        default: return nil
        }
    }
}
