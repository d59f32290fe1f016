import Dispatch
import Foundation
import Synchronization

/// Counts vehicles in a frame with YOLOX-Nano: one pass over the whole frame, plus (for large
/// frames, and small ones whose whole frame shows small vehicles) one pass per tile so that
/// distant cars are big enough to be seen, all merged.
///
/// A frame's passes run on several copies of the network at once, one per core: a single pass
/// keeps two cores only about half busy, two passes side by side keep both busy.
package final class VehicleDetector: Sendable {
    package let settings: DetectorSettings
    /// One per worker; a network is used by one pass at a time.
    private let networks: [ONNXNetwork]
    /// Output rows of the largest input, a square of `inputSize`: every pass fits in that many.
    private let largestOutputRows: Int
    private let suppression: NonMaxSuppression
    /// Serialises frames: each frame's passes use every network.
    private let queue: DispatchQueue

    /// One network per core this process may use, up to 8: each holds its own buffers (about
    /// 15 MB), and a full pass of 13 regions takes two rounds from 7 workers up to 12.
    package static var defaultWorkers: Int { min(OpenCV.availableCores, 8) }

    /// `workers` networks run a frame's passes side by side. OpenCV's own threads are limited to
    /// one per call (a process-wide setting): the passes already fill the cores, and nested
    /// threads only compete for them.
    package init(
        modelPath: String, settings: DetectorSettings = .default, workers: Int = VehicleDetector.defaultWorkers
    ) throws(VisionError) {
        // Checked here because OpenCV's message for a missing file is a parser error about protobuf.
        guard FileManager.default.fileExists(atPath: modelPath) else { throw .modelNotFound(path: modelPath) }
        try settings.validate()
        guard workers >= 1 else { throw .invalidSettings(reason: "workers \(workers) is below 1") }
        self.settings = settings
        networks = try (0..<workers).map { _ throws(VisionError) in try ONNXNetwork(path: modelPath) }
        OpenCV.setThreadCount(1)
        largestOutputRows = YOLOXDecoder(inputSize: settings.inputSize).rowCount
        suppression = NonMaxSuppression(iouThreshold: settings.nmsIoU, mergeOverlap: settings.mergeOverlap)
        queue = DispatchQueue(label: "parkwatch.vision.detector", qos: .userInitiated)
    }

    /// Every pass a frame of this size needs.
    package func detect(_ image: Image) async throws -> Detections {
        try await detect(image, farVehicles: false)
    }

    /// `farVehicles`: the frame shows vehicles far away and small (a layout with depth), so its
    /// tiles run even when the frame is small enough to need none otherwise
    /// (`DetectorSettings.tileWhenLongSideAbove`). `spaces`: where the camera's parking spaces
    /// are (each widened as `detect(_:around:after:)` takes its areas), and `vehicleSides` how
    /// large a vehicle parked in each would be boxed; the finer grid's own tiles of those whose
    /// vehicles would be small even at the tiles' scale run too (`closerTiles`), where the boxes
    /// alone do not call for the whole finer grid.
    package func detect(
        _ image: Image, farVehicles: Bool, spaces: [PixelRect] = [], vehicleSides: [Double] = []
    ) async throws -> Detections {
        try await queued { () throws(VisionError) in
            try self.runPasses(on: image, farVehicles: farVehicles, spaces: spaces, vehicleSides: vehicleSides)
        }
    }

    /// The whole frame and, for each of `areas`, its own tile (`TileChoice`): for a frame of which
    /// only those areas changed. `examined` names the tiles, or is nil when every tile ran anyway.
    package func detect(_ image: Image, around areas: [PixelRect]) async throws -> Detections {
        try await queued { () throws(VisionError) in try self.runPasses(on: image, around: areas) }
    }

    /// The whole frame alone, no tile: a first look that `detect(_:around:after:)` completes.
    package func detectWholeFrame(_ image: Image, farVehicles: Bool = false) async throws -> Detections {
        try await queued { () throws(VisionError) in try self.runPasses(on: image, around: [], farVehicles: farVehicles) }
    }

    /// The own tiles of `areas` (at most `limit` of them, the first `waiting` areas' first, chosen
    /// by `TileChoice`), merged with the whole-frame pass of `first` (from `detectWholeFrame` on
    /// the same image), which is not run again. `vehicleSides`: the shorter side, in frame pixels,
    /// of a vehicle's box in each area, where known; an area whose vehicles would be small even at
    /// the tiles' scale gets its tile from a finer grid (`closerTiles`).
    package func detect(
        _ image: Image, around areas: [PixelRect], after first: Detections, limit: Int?, waiting: Int = 0,
        farVehicles: Bool = false, vehicleSides: [Double] = []
    ) async throws -> Detections {
        try await queued { () throws(VisionError) in
            try self.runPasses(
                on: image, around: areas, wholeFrame: first.wholeFrame, limit: limit, waiting: waiting, farVehicles: farVehicles,
                vehicleSides: vehicleSides)
        }
    }

    /// Runs `passes` on this detector's serial queue, so the cooperative pool is never blocked by
    /// inference.
    private func queued(_ passes: @escaping @Sendable () throws(VisionError) -> Detections) async throws -> Detections {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { () throws(VisionError) in try passes() }) }
        }
    }

    /// Same as `detect`, on the caller's thread; still serialised with other calls on this detector.
    package func detectBlocking(_ image: Image) throws(VisionError) -> Detections {
        let result = queue.sync { Result { () throws(VisionError) in try runPasses(on: image) } }
        return try result.get()
    }

    /// The whole frame first, then the tiles when the frame is large enough to need them, or
    /// shows `farVehicles`.
    func passRegions(width: Int, height: Int, farVehicles: Bool = false) -> [PixelRect] {
        let wholeFrame = PixelRect(x: 0, y: 0, width: width, height: height)
        guard let grid = settings.tiling, farVehicles || !isSmall(width: width, height: height) else {
            return [wholeFrame]
        }
        return [wholeFrame] + grid.tiles(width: width, height: height)
    }

    func isSmall(width: Int, height: Int) -> Bool { max(width, height) <= settings.tileWhenLongSideAbove }

    /// The whole-frame pass of a small frame found a vehicle too small for the network to see
    /// well at that scale: a crowded or distant view, where the tiles find the rest. Faint
    /// candidates do not count: a lamp head or a shadow scores faint in most frames of an empty lot.
    func showsSmallVehicles(_ wholeFrame: [VehicleBox], width: Int, height: Int) -> Bool {
        let scale = Double(settings.inputSize) / Double(max(width, height, 1))
        return wholeFrame.contains {
            $0.score >= settings.scoreThreshold && min($0.w, $0.h) * scale < Double(settings.tileWhenVehiclesUnder)
        }
    }

    /// `wholeFrame`: the whole-frame pass's boxes when it already ran on this image. A small
    /// frame looked at in full runs its whole-frame pass first, and its tiles only when that pass
    /// shows small vehicles; a full look whose tiles still find mostly small vehicles runs a
    /// finer grid as well (`finerGrid`).
    private func runPasses(
        on image: Image, around areas: [PixelRect]? = nil, wholeFrame known: [VehicleBox]? = nil,
        limit: Int? = nil, waiting: Int = 0, farVehicles: Bool = false, spaces: [PixelRect] = [], vehicleSides: [Double] = []
    ) throws(VisionError) -> Detections {
        var (known, firstLook) = (known, 0)
        let small = settings.tiling != nil && !farVehicles && isSmall(width: image.width, height: image.height)
        if small, areas == nil, known == nil {
            known = try candidates(in: [PixelRect(x: 0, y: 0, width: image.width, height: image.height)], of: image)[0]
            firstLook = 1
        }
        let seesSmall = small && known.map { showsSmallVehicles($0, width: image.width, height: image.height) } == true
        let all = passRegions(width: image.width, height: image.height, farVehicles: farVehicles || seesSmall)
        let tiles = Array(all.dropFirst())
        let choice = areas.map { areas in
            closerTiles(
                for: areas, vehicleSides: vehicleSides, among: tiles, width: image.width, height: image.height, limit: limit,
                waiting: waiting)
        }
        let chosen = choice?.tiles ?? tiles
        // The whole frame always: without it a car split between a chosen tile and one left out is
        // only half seen, and the dev morning's gated readings then differ from full ones.
        let regions = (known == nil ? Array(all.prefix(1)) : []) + chosen
        let found = try candidates(in: regions, of: image)
        // The whole frame has no inner edge: none of its boxes is a fragment.
        let wholeFrame = known ?? found[0]
        var wholeBoxes = wholeFrame
        var fragments: [VehicleBox] = []
        separateFragments(Array(found.suffix(chosen.count)), of: chosen, frame: image, into: &wholeBoxes, fragments: &fragments)
        var (boxes, faint) = merge(wholeBoxes, fragments: fragments)
        let finer = areas == nil ? finerTiles(for: boxes, spaces: spaces, vehicleSides: vehicleSides, among: tiles, of: image) : []
        if !finer.isEmpty {
            separateFragments(try candidates(in: finer, of: image), of: finer, frame: image, into: &wholeBoxes, fragments: &fragments)
            (boxes, faint) = merge(wholeBoxes, fragments: fragments)
        }
        return Detections(
            boxes: boxes, passes: firstLook + regions.count + finer.count, examined: tiles.allSatisfy(chosen.contains) ? nil : chosen,
            wholeFrame: wholeFrame,
            leftOut: choice?.leftOut ?? [], faint: faint)
    }

    /// The finer tiles a full look also runs among its `tiles`: the whole finer grid when its
    /// `boxes` are mostly small (`finerGrid`), else the finer grid's own tiles of the `spaces`
    /// whose vehicles would be small (`closerTiles`).
    func finerTiles(
        for boxes: [VehicleBox], spaces: [PixelRect], vehicleSides: [Double], among tiles: [PixelRect], of image: Image
    ) -> [PixelRect] {
        guard let tile = tiles.first else { return [] }
        if let grid = finerGrid(for: boxes, tile: tile) { return grid.tiles(width: image.width, height: image.height) }
        let own = closerTiles(
            for: spaces, vehicleSides: vehicleSides, among: tiles, width: image.width, height: image.height, limit: nil, waiting: 0)
        return own.tiles.filter { !tiles.contains($0) }
    }

    /// The finer grid a full look also runs when the boxes it found are mostly small even at its
    /// tiles' scale (`tile` is one of them): a wide view of a crowded lot, whose far cars the
    /// tiles still shrink below what the network sees. nil when the boxes are large enough, too
    /// few to say, or the settings turn the finer look off.
    func finerGrid(for boxes: [VehicleBox], tile: PixelRect) -> TileGrid? {
        guard boxes.count >= 5 else { return nil }
        return finerGrid(forSides: boxes.map { min($0.w, $0.h) }, tile: tile)
    }

    /// The finer grid for vehicles whose boxes' shorter sides (frame pixels) are `sides`, by
    /// their median at the scale of `tile`; nil when that median is large enough.
    func finerGrid(forSides sides: [Double], tile: PixelRect) -> TileGrid? {
        guard let grid = settings.tiling, settings.finerLookAtMost > 1, !sides.isEmpty else { return nil }
        let median = sides.map { $0 * networkScale(of: tile) }.sorted()[sides.count / 2]
        guard median < settings.finerLookBelow else { return nil }
        let factor = min(settings.finerLookAim / max(median, 1), settings.finerLookAtMost)
        var finer = grid
        finer.columns = Int((Double(grid.columns) * factor).rounded(.up))
        finer.rows = Int((Double(grid.rows) * factor).rounded(.up))
        return finer
    }

    /// How much the network enlarges (or shrinks) a region of this size.
    func networkScale(of region: PixelRect) -> Double { Double(settings.inputSize) / Double(max(region.width, region.height, 1)) }

    /// The tiles a closer look at `areas` runs (`TileChoice`): each area's own tile, among `tiles`,
    /// or, for the areas whose vehicles (`vehicleSides`) would be small even at the tiles' scale
    /// (far spaces), among the finer grid a full look runs for vehicles of their size: a gated
    /// frame's closer look sees its far cars as a full look does.
    func closerTiles(
        for areas: [PixelRect], vehicleSides: [Double], among tiles: [PixelRect], width: Int, height: Int, limit: Int?, waiting: Int
    ) -> TileChoice {
        guard let tile = tiles.first else { return TileChoice.choose(among: tiles, for: areas, limit: limit, waiting: waiting) }
        let small = Set(zip(areas.indices, vehicleSides).filter { $0.1 * networkScale(of: tile) < settings.finerLookBelow }.map(\.0))
        guard let grid = finerGrid(forSides: small.map { vehicleSides[$0] }, tile: tile) else {
            return TileChoice.choose(among: tiles, for: areas, limit: limit, waiting: waiting)
        }
        let finer = grid.tiles(width: width, height: height)
        let owners = areas.indices.map { index in
            guard small.contains(index) else { return TileChoice.ownTile(of: areas[index], among: tiles) }
            return TileChoice.ownTile(of: areas[index], among: finer).map { tiles.count + $0 }
        }
        return TileChoice.choose(among: tiles + finer, owners: owners, limit: limit, waiting: waiting)
    }

    /// Each tile's candidates: a box reaching the tile's inner edge is a fragment of a vehicle the
    /// tile cut; the others are whole.
    private func separateFragments(
        _ found: [[VehicleBox]], of regions: [PixelRect], frame image: Image, into whole: inout [VehicleBox],
        fragments: inout [VehicleBox]
    ) {
        for (region, candidates) in zip(regions, found) {
            for box in candidates {
                if box.reachesInnerEdge(of: region, frameWidth: image.width, frameHeight: image.height) {
                    fragments.append(box)
                } else {
                    whole.append(box)
                }
            }
        }
    }

    /// One box per vehicle from the candidates scored at least `scoreThreshold`; and, apart, the
    /// faint candidates left after merging all of them that duplicate no vehicle box.
    private func merge(_ whole: [VehicleBox], fragments: [VehicleBox]) -> (boxes: [VehicleBox], faint: [VehicleBox]) {
        let counts = { (box: VehicleBox) in box.score >= self.settings.scoreThreshold }
        let boxes = suppression.apply(whole.filter(counts), fragments: fragments.filter(counts))
        let faint = suppression.apply(whole, fragments: fragments).filter { candidate in
            !counts(candidate) && !boxes.contains { suppression.isDuplicate(candidate, of: $0) }
        }
        return (boxes, faint)
    }

    /// Each region's candidate boxes, in the regions' order. Worker `w` takes regions `w`,
    /// `w + workers`, … on network `w`, so the result is the same however many workers there are.
    private func candidates(in regions: [PixelRect], of image: Image) throws(VisionError) -> [[VehicleBox]] {
        let workers = min(networks.count, regions.count)
        let results = Mutex([Result<[VehicleBox], VisionError>?](repeating: nil, count: regions.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: regions.count, by: workers) {
                let found = Result { () throws(VisionError) in
                    try candidatesInRegion(regions[index], of: image, on: networks[worker])
                }
                results.withLock { $0[index] = found }
            }
        }
        return try results.withLock { $0 }.map { result throws(VisionError) in try result!.get() }
    }

    /// Candidate boxes from one pass, in frame pixels. The input is only as large as the region
    /// needs (416 x 256 for a 16:9 frame, 416 x 320 for a 4x3 tile): a 1280x720 frame took
    /// 0.40-0.46 s instead of 0.65-0.76 s with square inputs.
    private func candidatesInRegion(
        _ region: PixelRect, of image: Image, on network: ONNXNetwork
    ) throws(VisionError) -> [VehicleBox] {
        let output = try network.forward(image, region: region, inputSize: settings.inputSize,
                                         align: YOLOXDecoder.strides.last!,
                                         capacity: largestOutputRows * YOLOXDecoder.valuesPerRow)
        let decoder = YOLOXDecoder(inputWidth: output.inputWidth, inputHeight: output.inputHeight)
        guard output.rows == decoder.rowCount, output.columns == YOLOXDecoder.valuesPerRow, output.scale > 0 else {
            throw .inferenceFailed(reason:
                "model output is \(output.rows) x \(output.columns), expected \(decoder.rowCount) x \(YOLOXDecoder.valuesPerRow)")
        }
        let boxes = try decoder.decode(output.values, scoreThreshold: min(settings.faintScoreThreshold, settings.scoreThreshold))
        return boxes.compactMap { $0.mapped(fromInputScale: output.scale, region: region) }
    }
}
