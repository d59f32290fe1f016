import Foundation
import ParkWatchVision

/// One parking space: an id unique within its layout and its outline.
package struct ParkingSpace: Sendable, Codable, Equatable {
    package var id: String
    package var name: String?
    package var zone: String?
    package var polygon: [Point]

    package init(id: String, name: String? = nil, zone: String? = nil, polygon: [Point]) {
        self.id = id
        self.name = name
        self.zone = zone
        self.polygon = polygon
    }
}

/// How a camera looks at its lot, where the spaces' sizes alone may mislead.
package enum CameraView: String, Sendable, Codable, Equatable {
    /// From a mast or a building: vehicle detectors box the cars.
    case depth
    /// Straight down (a drone, a high mast over the lot): COCO detectors find no cars.
    case topDown = "top-down"

    package init(from decoder: any Decoder) throws {
        let field = try decoder.singleValueContainer()
        let text = try field.decode(String.self)
        guard let view = CameraView(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: field, debugDescription: "must be \"depth\" or \"top-down\", is \"\(text)\"")
        }
        self = view
    }
}

/// The spaces of one camera's view of a lot.
package struct LotLayout: Sendable, Codable, Equatable {
    /// Lot id, optional.
    package var lot: String?
    /// The frame size the pixel coordinates refer to; nil when unknown (e.g. a PKLot XML file).
    package var imageWidth: Int?
    package var imageHeight: Int?
    /// True: points are in 0...1 of the image's width and height.
    package var normalized: Bool
    /// nil: judged from how much the spaces' sizes differ (far spaces look smaller).
    package var view: CameraView?
    package var spaces: [ParkingSpace]
    /// The photo the spaces were drawn on. Frames are registered against it, so the spaces follow
    /// a camera that moved. A relative path is relative to the layout file's folder.
    package var reference: String?

    package init(lot: String? = nil, imageWidth: Int? = nil, imageHeight: Int? = nil,
                normalized: Bool = false, view: CameraView? = nil, spaces: [ParkingSpace]) {
        self.lot = lot
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.normalized = normalized
        self.view = view
        self.spaces = spaces
    }

    private enum CodingKeys: String, CodingKey { case lot, imageWidth, imageHeight, normalized, view, spaces, reference }

    /// `normalized` may be left out of hand-written files: pixels are the common case.
    package init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        lot = try fields.decodeIfPresent(String.self, forKey: .lot)
        imageWidth = try fields.decodeIfPresent(Int.self, forKey: .imageWidth)
        imageHeight = try fields.decodeIfPresent(Int.self, forKey: .imageHeight)
        normalized = try fields.decodeIfPresent(Bool.self, forKey: .normalized) ?? false
        view = try fields.decodeIfPresent(CameraView.self, forKey: .view)
        spaces = try fields.decode([ParkingSpace].self, forKey: .spaces)
        reference = try fields.decodeIfPresent(String.self, forKey: .reference)
    }

    /// Records `photo`'s size as the one the outlines are in pixels of, where the layout has none
    /// (a mask keeps its own).
    package mutating func takeSize(of photo: URL) throws(SpacesError) {
        guard imageWidth == nil, !normalized else { return }
        do {
            let image = try Image(contentsOfFile: photo.path)
            (imageWidth, imageHeight) = (image.width, image.height)
        } catch {
            throw .layoutUnreadable(path: photo.path, reason: "its photo does not read: \(error)")
        }
    }

    /// The same layout in pixels of a `width` x `height` frame. Normalized points are scaled by the
    /// frame size; pixel points are scaled by frame size / imageWidth x imageHeight when those are
    /// known and differ (a mask drawn 1 px larger than the video), and are kept as they are otherwise.
    package func resolved(width: Int, height: Int) -> LotLayout {
        let scaleX: Double, scaleY: Double
        if normalized {
            (scaleX, scaleY) = (Double(width), Double(height))
        } else if let imageWidth, let imageHeight, imageWidth > 0, imageHeight > 0 {
            (scaleX, scaleY) = (Double(width) / Double(imageWidth), Double(height) / Double(imageHeight))
        } else {
            (scaleX, scaleY) = (1, 1)
        }
        var result = self
        result.normalized = false
        result.imageWidth = width
        result.imageHeight = height
        for index in result.spaces.indices {
            result.spaces[index].polygon = result.spaces[index].polygon.map {
                Point(x: $0.x * scaleX, y: $0.y * scaleY)
            }
        }
        return result
    }

    /// Reads and validates a JSON layout. Errors name the file, the field path or the space at fault.
    package static func load(_ url: URL) throws(SpacesError) -> LotLayout {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .layoutUnreadable(path: url.path, reason: error.localizedDescription)
        }
        let layout: LotLayout
        do {
            layout = try JSONDecoder().decode(LotLayout.self, from: data)
        } catch let error as DecodingError {
            throw LayoutDecodingProblem.spacesError(for: error, path: url.path)
        } catch {
            throw .layoutUnreadable(path: url.path, reason: "\(error)")
        }
        try layout.validate()
        var located = layout
        located.reference = layout.reference.map { URL(fileURLWithPath: $0, relativeTo: url.deletingLastPathComponent()).path }
        if let reference = located.reference, !FileManager.default.isReadableFile(atPath: reference) {
            throw .layoutUnreadable(path: url.path, reason: "its reference photo \(reference) cannot be read")
        }
        return located
    }

    /// Pretty JSON with sorted keys, so files diff cleanly; written atomically.
    package func write(to url: URL) throws(SpacesError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(self)
            data.append(0x0A)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .layoutWriteFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}
