import ArgumentParser
import Foundation

/// Copies frames into the inbox, each made unique (so none is skipped as a duplicate) by a
/// comment that decoders ignore: a JPEG COM segment or a PNG tEXt chunk.
enum BacklogMaker {

    static func fill(_ folder: URL, count: Int, from source: URL) throws -> [String] {
        let originals = images(under: source)
        guard !originals.isEmpty else { throw ValidationError("no .jpg or .png under \(source.path)") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            let original = originals[index % originals.count]
            let data = try Data(contentsOf: original)
            let tag = Data("parkwatch-bench-\(index)".utf8)
            let unique = original.pathExtension.lowercased() == "png" ? withPNGText(data, tag) : withJPEGComment(data, tag)
            try unique.write(to: folder.appendingPathComponent("\(index)-\(original.lastPathComponent)"))
        }
        return originals.map(\.lastPathComponent)
    }

    private static func images(under folder: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? [])
            .filter { ["jpg", "jpeg", "png"].contains($0.pathExtension.lowercased()) }
            .sorted { $0.path < $1.path }
    }

    static func withJPEGComment(_ jpeg: Data, _ text: Data) -> Data {
        let length = UInt16(text.count + 2)
        return jpeg.prefix(2) + Data([0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)]) + text + jpeg.dropFirst(2)
    }

    /// After the IHDR chunk (8-byte signature + 25-byte chunk), as the PNG spec allows.
    static func withPNGText(_ png: Data, _ text: Data) -> Data {
        let body = Data("tEXt".utf8) + Data("Comment".utf8) + Data([0]) + text
        let chunk = bigEndian(UInt32(body.count - 4)) + body + bigEndian(crc32(body))
        return png.prefix(33) + chunk + png.dropFirst(33)
    }

    private static func bigEndian(_ value: UInt32) -> Data {
        Data([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}


