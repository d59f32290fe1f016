import Foundation
import ParkWatchVision

/// Images drawn in Swift and handed to OpenCV as BMP (the simplest format it decodes), for tests
/// that need to know exactly which colour is where.
struct Canvas {
    let width: Int
    let height: Int
    private var bgr: [UInt8]

    init(width: Int, height: Int, fill: (blue: UInt8, green: UInt8, red: UInt8)) {
        self.width = width
        self.height = height
        bgr = Array(repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) { bgr.replaceSubrange(index * 3..<index * 3 + 3, with: [fill.blue, fill.green, fill.red]) }
    }

    /// Paints every pixel whose centre lies inside the convex polygon (clockwise on screen).
    mutating func fillConvex(_ polygon: [(Double, Double)], colour: (blue: UInt8, green: UInt8, red: UInt8)) {
        for y in 0..<height {
            for x in 0..<width where Self.contains(polygon, Double(x), Double(y)) {
                let offset = (y * width + x) * 3
                bgr.replaceSubrange(offset..<offset + 3, with: [colour.blue, colour.green, colour.red])
            }
        }
    }

    /// A one-pixel black and white checkerboard over the rectangle: the finest texture there is.
    mutating func checker(x xs: Range<Int>, y ys: Range<Int>) {
        for y in ys {
            for x in xs {
                let level: UInt8 = (x + y) % 2 == 0 ? 0 : 255
                bgr.replaceSubrange((y * width + x) * 3..<(y * width + x) * 3 + 3, with: [level, level, level])
            }
        }
    }

    private static func contains(_ polygon: [(Double, Double)], _ x: Double, _ y: Double) -> Bool {
        for index in polygon.indices {
            let (ax, ay) = polygon[index], (bx, by) = polygon[(index + 1) % polygon.count]
            if (bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0 { return false }
        }
        return true
    }

    /// 24-bit BMP: rows bottom-up, each padded to 4 bytes.
    var bmp: Data {
        let rowBytes = (width * 3 + 3) / 4 * 4
        var data = Data("BM".utf8)
        let le32 = { (value: Int) in withUnsafeBytes(of: UInt32(value).littleEndian) { Data($0) } }
        let le16 = { (value: Int) in withUnsafeBytes(of: UInt16(value).littleEndian) { Data($0) } }
        data += le32(54 + rowBytes * height) + le32(0) + le32(54)
        data += le32(40) + le32(width) + le32(height) + le16(1) + le16(24) + le32(0) + le32(rowBytes * height)
        data += le32(2835) + le32(2835) + le32(0) + le32(0)
        for y in (0..<height).reversed() {
            let start = y * width * 3
            data += bgr[start..<start + width * 3]
            data += Data(count: rowBytes - width * 3)
        }
        return data
    }

    func image() throws -> Image { try Image(decoding: bmp) }
}
