import Foundation
import ParkWatchConfig
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore

/// One camera's part of a lot: the spaces it sees (layout order), or a plain capacity.
package struct LotCamera: Sendable, Equatable {
    package var id: String
    package var spaceIDs: [String]
    /// Number of spaces of a camera without a layout (vehicles are counted against it).
    package var capacity: Int?
    /// The configured layout, for drawing the spaces on the camera's photos (labelling page).
    package var layout: LotLayout?

    package init(id: String, spaceIDs: [String] = [], capacity: Int? = nil, layout: LotLayout? = nil) {
        self.id = id
        self.spaceIDs = spaceIDs
        self.capacity = capacity
        self.layout = layout
    }
}

/// A parking lot: the cameras that watch it. Space ids are unique within a lot; if two cameras
/// name the same space, the first camera's view of it is the one shown.
package struct LotDefinition: Sendable, Equatable {
    package var id: String
    package var cameras: [LotCamera]

    package init(id: String, cameras: [LotCamera]) {
        self.id = id
        self.cameras = cameras
    }

    /// Every space id of the lot, in camera then layout order, each once.
    package var spaceIDs: [String] {
        var seen = Set<String>()
        return cameras.flatMap(\.spaceIDs).filter { seen.insert($0).inserted }
    }

    /// The camera whose view decides the space's state.
    package func camera(ofSpace space: String) -> String? {
        cameras.first { $0.spaceIDs.contains(space) }?.id
    }
}

/// The configured lots, sorted by id. Layout files are checked when the app is built; the
/// directory reads them again when they change.
package struct LotCatalog: Sendable, Equatable {
    package var lots: [LotDefinition]
    /// Each configured camera's layout file, by camera id.
    package var layoutFiles: [String: String]

    package static let empty = LotCatalog(lots: [])

    package init(lots: [LotDefinition], layoutFiles: [String: String] = [:]) {
        self.lots = lots.sorted { $0.id < $1.id }
        self.layoutFiles = layoutFiles
    }

    package init(configuration: Configuration) throws(WebError) {
        var byLot: [String: [LotCamera]] = [:]
        for camera in configuration.cameras.values.sorted(by: { $0.id < $1.id }) {
            byLot[camera.lot, default: []].append(try Self.camera(camera))
        }
        self.init(
            lots: byLot.map { LotDefinition(id: $0.key, cameras: $0.value) },
            layoutFiles: configuration.cameras.compactMapValues(\.layout))
    }

    private static func camera(_ config: CameraConfig) throws(WebError) -> LotCamera {
        guard let path = config.layout else { return LotCamera(id: config.id, capacity: config.capacity) }
        do {
            let layout = try LotLayout.load(URL(fileURLWithPath: path))
            return LotCamera(id: config.id, spaceIDs: layout.spaces.map(\.id), layout: layout)
        } catch {
            throw .badSettings("camera \(config.id): \(error)")
        }
    }
}

/// The lots as the app shows them: the configured ones, the ones the central database records,
/// plus one lot per camera that sent photos without being configured (its spaces from the layout
/// it last used), as the watcher counts photos from any camera folder.
struct LotDirectory: Sendable {
    let catalog: LotCatalog
    let source: any StatusSource
    /// The configured layouts as their files are now, as the watcher reads them.
    let layouts: CameraLayouts

    init(catalog: LotCatalog, source: any StatusSource) {
        self.catalog = catalog
        self.source = source
        // The catalog loaded every file already; one that broke since then keeps its loaded layout.
        layouts = (try? CameraLayouts(files: catalog.layoutFiles)) ?? CameraLayouts(fixed: [:])
    }

    /// The configured lots, each camera with its layout as its file is now.
    var configured: [LotDefinition] {
        catalog.lots.map { lot in
            var lot = lot
            for index in lot.cameras.indices {
                guard let layout = layouts[lot.cameras[index].id] else { continue }
                lot.cameras[index].layout = layout
                lot.cameras[index].spaceIDs = layout.spaces.map(\.id)
            }
            return lot
        }
    }

    /// The configured lots, then the lots the source records (the central database's, which may
    /// span sites), then each camera left over as a lot of its own.
    func lots() async throws -> [LotDefinition] {
        var lots = configured
        var taken = Set(lots.flatMap { $0.cameras.map(\.id) } + lots.map(\.id))
        for (lot, cameras) in try await source.recordedLots().sorted(by: { $0.key < $1.key }) where !taken.contains(lot) {
            let unclaimed = cameras.filter { !taken.contains($0) }
            guard !unclaimed.isEmpty else { continue }
            lots.append(LotDefinition(id: lot, cameras: try await recorded(unclaimed)))
            taken.formUnion(unclaimed + [lot])
        }
        for camera in try await source.cameras() where !taken.contains(camera) {
            lots.append(LotDefinition(id: camera, cameras: try await recorded([camera])))
        }
        return lots.sorted { $0.id < $1.id }
    }

    /// Cameras the configuration does not name, each with the spaces of the layout it used last.
    private func recorded(_ cameras: [String]) async throws -> [LotCamera] {
        var result: [LotCamera] = []
        for camera in cameras {
            result.append(LotCamera(id: camera, spaceIDs: try await source.latestLayoutSpaceIDs(camera: camera) ?? []))
        }
        return result
    }

    /// The configured layout of a camera; `WebError.notFound` when it has none.
    func layout(ofCamera camera: String) throws -> LotLayout {
        let known = configured.flatMap(\.cameras).first { $0.id == camera }
        guard let layout = known?.layout else {
            throw WebError.notFound("camera '\(camera)' has no layout in the configuration: there is nothing to label")
        }
        return layout
    }

    /// The lot with this id; `WebError.notFound` if there is none.
    func lot(_ id: String) async throws -> LotDefinition {
        guard let lot = try await lots().first(where: { $0.id == id }) else { throw WebError.notFound("no lot '\(id)'") }
        return lot
    }
}
