import ArgumentParser
import Foundation
import ParkWatchStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Photos and mean vehicle count in a time window (counted photos only).")

    @OptionGroup var database: DatabaseOption

    @Option(help: "Only this camera.")
    var camera: String?

    @Option(help: "Start of the window on captured_at (inclusive).")
    var from: Instant

    @Option(help: "End of the window on captured_at (exclusive).")
    var to: Instant

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if to.date <= from.date { throw ValidationError("--to must be after --from") }
    }

    func run() async throws {
        let filter = PhotoFilter(camera: camera, from: from.date, to: to.date)
        let summary = try await database.openExisting().vehicleSummary(matching: filter)
        let report = VehicleReport(camera: camera, from: ISOTime.format(from.date), to: ISOTime.format(to.date), summary: summary)
        if json { return try JSONOutput.print(report) }
        print(report.text)
    }
}

/// `report --json`: `{"camera","from","to","photos","average_vehicles","min_vehicles","max_vehicles"}`.
struct VehicleReport: Encodable {
    var camera: String?
    var from: String
    var to: String
    var summary: VehicleSummary

    enum CodingKeys: String, CodingKey {
        case camera, from, to, photos
        case averageVehicles = "average_vehicles", minVehicles = "min_vehicles", maxVehicles = "max_vehicles"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(camera, forKey: .camera)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(summary.photos, forKey: .photos)
        try container.encode(summary.averageVehicles.map { ($0 * 100).rounded() / 100 }, forKey: .averageVehicles)
        try container.encode(summary.minVehicles, forKey: .minVehicles)
        try container.encode(summary.maxVehicles, forKey: .maxVehicles)
    }

    var text: String {
        let scope = camera.map { "camera \($0)" } ?? "all cameras"
        guard let average = summary.averageVehicles else { return "\(scope), \(from) to \(to): no photos" }
        return "\(scope), \(from) to \(to): \(summary.photos) photos, average \(String(format: "%.2f", average)) vehicles (min \(summary.minVehicles ?? 0), max \(summary.maxVehicles ?? 0))"
    }
}
