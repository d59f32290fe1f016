import Foundation
import ParkWatchConfig
import ParkWatchStore

/// A camera as a report sees it: read through its layout's spaces, or its vehicles against a capacity.
public struct ReportCamera: Sendable, Equatable {
    public var id: String
    public var hasLayout: Bool
    /// For a camera without a layout: the configured capacity (nil: no rate can be given).
    public var capacity: Int?

    public init(id: String, hasLayout: Bool, capacity: Int?) {
        self.id = id
        self.hasLayout = hasLayout
        self.capacity = capacity
    }
}

/// What a report is about: one camera, one lot (its cameras), or every camera seen.
public struct ReportScope: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case camera, lot, all }

    public var kind: Kind
    public var name: String
    public var cameras: [ReportCamera]
}

public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownLot(String)
    case unknownCamera(String)

    public var description: String {
        switch self {
        case .unknownLot(let lot): "no camera of the configuration belongs to lot '\(lot)'"
        case .unknownCamera(let camera): "no photo of camera '\(camera)' is stored"
        }
    }
}

extension ReportScope {
    /// A camera has a layout when it ever stored a space reading; its capacity comes from the configuration.
    public static func resolve(
        camera: String?, lot: String?, configuration: Configuration?, store: ParkWatchDatabase
    ) async throws -> ReportScope {
        let known = try await store.cameras()
        if let camera {
            guard known.contains(camera) else { throw ReportError.unknownCamera(camera) }
            return ReportScope(kind: .camera, name: camera, cameras: [try await reportCamera(camera, configuration, store)])
        }
        if let lot {
            let members = (configuration?.cameras.values.filter { $0.lot == lot }.map(\.id) ?? []).sorted()
            let ids = members.isEmpty && known.contains(lot) ? [lot] : members
            guard !ids.isEmpty else { throw ReportError.unknownLot(lot) }
            return ReportScope(kind: .lot, name: lot, cameras: try await cameras(ids, configuration, store))
        }
        return ReportScope(kind: .all, name: "all", cameras: try await cameras(known, configuration, store))
    }

    private static func cameras(_ ids: [String], _ configuration: Configuration?, _ store: ParkWatchDatabase) async throws -> [ReportCamera] {
        var cameras: [ReportCamera] = []
        for id in ids { cameras.append(try await reportCamera(id, configuration, store)) }
        return cameras
    }

    private static func reportCamera(_ id: String, _ configuration: Configuration?, _ store: ParkWatchDatabase) async throws -> ReportCamera {
        let hasLayout = try await store.latestSpaceReading(camera: id) != nil
        return ReportCamera(id: id, hasLayout: hasLayout, capacity: configuration?.cameras[id]?.capacity)
    }
}
