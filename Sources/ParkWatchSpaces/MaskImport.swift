import ParkWatchVision
import COpenCVShim
import Foundation

extension LayoutImport {
    /// Components smaller than this are specks of a hand-painted mask, not spaces.
    static let smallestSpacePixels = 20
    /// approxPolyDP's epsilon as a share of the outline's length: a painted rectangle keeps its
    /// 4 corners, a slanted one its slant, and ragged brush edges go.
    static let outlineSimplification = 0.01

    /// A binary mask whose white (> 127) 8-connected regions are the spaces. Each space keeps its
    /// region's simplified outline; ids are "1", "2", … in reading order (rows top to bottom, each
    /// row left to right); imageWidth/Height are the mask's size.
    package static func fromMask(_ mask: URL) throws(SpacesError) -> LotLayout {
        let data: Data
        do {
            data = try Data(contentsOf: mask)
        } catch {
            throw .maskUnreadable(path: mask.path, reason: error.localizedDescription)
        }
        let extracted = try MaskComponents.extract(data, path: mask.path)
        let kept = extracted.components.filter { $0.pixelCount >= smallestSpacePixels }
        guard !kept.isEmpty else { throw .maskHasNoSpaces(path: mask.path) }
        let spaces = readingOrder(kept).enumerated().map { index, component in
            ParkingSpace(id: String(index + 1), polygon: component.outline)
        }
        return LotLayout(imageWidth: extracted.width, imageHeight: extracted.height, normalized: false, spaces: spaces)
    }

    /// Rows top to bottom, then left to right. A component joins the current row while its centroid
    /// is within half a typical space height of the row's first centroid, so spaces painted a few
    /// pixels lower than their neighbours stay in their row.
    static func readingOrder(_ components: [MaskComponent]) -> [MaskComponent] {
        let heights = components.map(\.height).sorted()
        let tolerance = max(1, heights[heights.count / 2] / 2)
        var rows: [[MaskComponent]] = []
        for component in components.sorted(by: { ($0.centroid.y, $0.centroid.x) < ($1.centroid.y, $1.centroid.x) }) {
            if let anchor = rows.last?.first, component.centroid.y - anchor.centroid.y <= tolerance {
                rows[rows.count - 1].append(component)
            } else {
                rows.append([component])
            }
        }
        return rows.flatMap { $0.sorted { $0.centroid.x < $1.centroid.x } }
    }
}

/// One white region of a mask.
struct MaskComponent: Sendable {
    var pixelCount: Int
    var centroid: Point
    var outline: [Point]

    var height: Double {
        let ys = outline.map(\.y)
        return (ys.max() ?? 0) - (ys.min() ?? 0) + 1
    }
}

/// Owns a `pw_mask_outlines` just long enough to copy its components into Swift values.
enum MaskComponents {
    static func extract(_ data: Data, path: String) throws(SpacesError) -> (width: Int, height: Int, components: [MaskComponent]) {
        var handle: OpaquePointer?
        let failure = data.withUnsafeBytes { bytes in
            Shim.call { err, errLen in
                pw_mask_outlines_extract(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count,
                                         LayoutImport.outlineSimplification, &handle, err, errLen)
            }
        }
        if let failure { throw .maskUnreadable(path: path, reason: failure.message) }
        guard let handle else { throw .maskUnreadable(path: path, reason: "OpenCV returned no components") }
        defer { pw_mask_outlines_free(handle) }
        let components = (0..<Int(pw_mask_outlines_count(handle))).compactMap { component(handle, index: $0) }
        return (Int(pw_mask_outlines_width(handle)), Int(pw_mask_outlines_height(handle)), components)
    }

    private static func component(_ handle: OpaquePointer, index: Int) -> MaskComponent? {
        var area: Int32 = 0, pointCount: Int32 = 0
        var cx = 0.0, cy = 0.0
        guard pw_mask_outline_info(handle, Int32(index), &area, &cx, &cy, &pointCount) == 0 else { return nil }
        var xy = [Double](repeating: 0, count: 2 * Int(pointCount))
        guard pw_mask_outline_points(handle, Int32(index), &xy, xy.count) == 0 else { return nil }
        let outline = stride(from: 0, to: xy.count, by: 2).map { Point(x: xy[$0], y: xy[$0 + 1]) }
        return MaskComponent(pixelCount: Int(area), centroid: Point(x: cx, y: cy), outline: outline)
    }
}
