import Foundation

/// Which stored photos a query is about: a camera and a half-open window on `captured_at`.
package struct PhotoFilter: Sendable, Equatable {
    package var camera: String?
    package var from: Date?
    package var to: Date?
    package var status: PhotoRecord.Status?

    package init(camera: String? = nil, from: Date? = nil, to: Date? = nil, status: PhotoRecord.Status? = nil) {
        self.camera = camera
        self.from = from
        self.to = to
        self.status = status
    }
}

/// The first report: how many counted photos a window holds and their mean vehicle count.
package struct VehicleSummary: Sendable, Equatable, Codable {
    package var photos: Int
    package var averageVehicles: Double?
    package var minVehicles: Int?
    package var maxVehicles: Int?

    package init(photos: Int, averageVehicles: Double?, minVehicles: Int? = nil, maxVehicles: Int? = nil) {
        self.photos = photos
        self.averageVehicles = averageVehicles
        self.minVehicles = minVehicles
        self.maxVehicles = maxVehicles
    }
}
