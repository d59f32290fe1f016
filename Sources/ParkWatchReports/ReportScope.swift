import Foundation
import ParkWatchConfig
import ParkWatchStore

/// A camera as a report sees it: read through its layout's spaces, or its vehicles against a capacity.
package struct ReportCamera: Sendable, Equatable {
    package var id: String
    package var hasLayout: Bool
    /// For a camera without a layout: the configured capacity (nil: no rate can be given).
    package var capacity: Int?

    package init(id: String, hasLayout: Bool, capacity: Int?) {
        self.id = id
        self.hasLayout = hasLayout
        self.capacity = capacity
    }
}

/// What a report is about: one camera, one lot (its cameras), or every camera seen.
package struct ReportScope: Sendable, Equatable {
    package enum Kind: String, Sendable, Codable { case camera, lot, all }

    package var kind: Kind
    package var name: String
    package var cameras: [ReportCamera]
}

package enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownLot(String)
    case unknownCamera(String)

    package var description: String {
        switch self {
        case .unknownLot(let lot): "no camera of the configuration belongs to lot '\(lot)'"
        case .unknownCamera(let camera): "no photo of camera '\(camera)' is stored"
        }
    }
}

extension ReportScope {
    /// A camera has a layout when it ever stored a space reading; its capacity comes from the configuration.
    package static func resolve(
        camera: String?, lot: String?, configuration: Configuration?, store: any ReportSource
    ) async throws -> ReportScope {
        let known = try await store.cameras()
        if let camera {
            guard known.contains(camera) else { throw ReportError.unknownCamera(camera) }
            let capacity = configuration?.cameras[camera]?.capacity
            return ReportScope(kind: .camera, name: camera, cameras: [try await reportCamera(camera, capacity: capacity, store)])
        }
        if let lot {
            let configured = configuration?.cameras.values.filter { $0.lot == lot }.map(\.id) ?? []
            let members = Set(configured + (try await store.camerasOfLot(lot))).sorted()
            let ids = members.isEmpty && known.contains(lot) ? [lot] : members
            guard !ids.isEmpty else { throw ReportError.unknownLot(lot) }
            return ReportScope(kind: .lot, name: lot, cameras: try await cameras(ids, configuration, store))
        }
        return ReportScope(kind: .all, name: "all", cameras: try await cameras(known, configuration, store))
    }

    /// A lot whose cameras are already known, with their capacities (the web app's lot directory).
    package static func lot(
        _ name: String, cameras members: [(id: String, capacity: Int?)], store: any ReportSource
    ) async throws -> ReportScope {
        var cameras: [ReportCamera] = []
        for member in members { cameras.append(try await reportCamera(member.id, capacity: member.capacity, store)) }
        return ReportScope(kind: .lot, name: name, cameras: cameras)
    }

    private static func cameras(_ ids: [String], _ configuration: Configuration?, _ store: any ReportSource) async throws -> [ReportCamera] {
        var cameras: [ReportCamera] = []
        for id in ids { cameras.append(try await reportCamera(id, capacity: configuration?.cameras[id]?.capacity, store)) }
        return cameras
    }

    private static func reportCamera(_ id: String, capacity: Int?, _ store: any ReportSource) async throws -> ReportCamera {
        let hasLayout = try await store.hasSpaceReadings(camera: id)
        return ReportCamera(id: id, hasLayout: hasLayout, capacity: capacity)
    }
}
