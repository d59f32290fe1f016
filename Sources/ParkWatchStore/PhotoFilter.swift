import Foundation

/// Which stored photos a query is about: a camera and a half-open window on `captured_at`.
public struct PhotoFilter: Sendable, Equatable {
    public var camera: String?
    public var from: Date?
    public var to: Date?
    public var status: PhotoRecord.Status?

    public init(camera: String? = nil, from: Date? = nil, to: Date? = nil, status: PhotoRecord.Status? = nil) {
        self.camera = camera
        self.from = from
        self.to = to
        self.status = status
    }
}

/// The first report: how many counted photos a window holds and their mean vehicle count.
public struct VehicleSummary: Sendable, Equatable, Codable {
    public var photos: Int
    public var averageVehicles: Double?
    public var minVehicles: Int?
    public var maxVehicles: Int?

    public init(photos: Int, averageVehicles: Double?, minVehicles: Int? = nil, maxVehicles: Int? = nil) {
        self.photos = photos
        self.averageVehicles = averageVehicles
        self.minVehicles = minVehicles
        self.maxVehicles = maxVehicles
    }
}
