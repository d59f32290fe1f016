import Foundation
import ParkWatchTestSupport
import ParkWatchVision

/// The shared detector and PKLot frames (paths from ParkWatchTestSupport).
enum Fixtures {
    /// One detector for all tests: loading takes a moment, and it serialises its own use.
    static let detector: VehicleDetector? = try? VehicleDetector(modelPath: TestResources.model)

    static func frames(day: String, extension ext: String) -> [URL] {
        TestResources.files(in: TestResources.dataset("pklot-ufpr05-dev/\(day)"), ext: ext)
    }

    static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}

/// One parking space of a PKLot annotation: whether it is taken and the centre of its rotated rectangle.
struct LabelledSpace {
    var id: Int
    var occupied: Bool
    var centerX: Double
    var centerY: Double

    /// Reads the PKLot `.xml` beside a frame.
    static func load(besideFrame frame: URL) throws -> [LabelledSpace] {
        let xml = try String(contentsOf: frame.deletingPathExtension().appendingPathExtension("xml"), encoding: .utf8)
        let pattern = #"<space id="(\d+)" occupied="([01])">\s*<rotatedRect>\s*<center x="(\d+)" y="(\d+)""#
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { match in
            func group(_ index: Int) -> String { String(xml[Range(match.range(at: index), in: xml)!]) }
            return LabelledSpace(id: Int(group(1))!, occupied: group(2) == "1",
                                 centerX: Double(group(3))!, centerY: Double(group(4))!)
        }
    }

    /// A space counts as found when some box contains its centre.
    func isCovered(by boxes: [VehicleBox]) -> Bool {
        boxes.contains { centerX >= $0.x && centerX <= $0.x + $0.w && centerY >= $0.y && centerY <= $0.y + $0.h }
    }
}
