import Foundation

/// What a dropped photo may look like before any decoder is allowed to see it.
package struct ImageLimits: Sendable, Equatable, Codable {
    package var maxBytes = 50_000_000
    package var minSide = 32
    package var maxSide = 20_000
    /// Guards the decoder's memory: 120 MP of RGBA is already ~480 MB.
    package var maxPixels = 120_000_000

    package static let `default` = ImageLimits()

    package init(maxBytes: Int = 50_000_000, minSide: Int = 32, maxSide: Int = 20_000, maxPixels: Int = 120_000_000) {
        self.maxBytes = maxBytes
        self.minSide = minSide
        self.maxSide = maxSide
        self.maxPixels = maxPixels
    }

    private enum CodingKeys: String, CodingKey { case maxBytes, minSide, maxSide, maxPixels }

    /// Missing keys keep their defaults so a config file only needs the limits it changes.
    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ImageLimits()
        maxBytes = try container.decodeIfPresent(Int.self, forKey: .maxBytes) ?? defaults.maxBytes
        minSide = try container.decodeIfPresent(Int.self, forKey: .minSide) ?? defaults.minSide
        maxSide = try container.decodeIfPresent(Int.self, forKey: .maxSide) ?? defaults.maxSide
        maxPixels = try container.decodeIfPresent(Int.self, forKey: .maxPixels) ?? defaults.maxPixels
    }

    /// Throws `.absurdDimensions` for sides outside [minSide, maxSide] or too many pixels.
    func check(width: Int, height: Int) throws(ImageFileError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width >= minSide, height >= minSide, width <= maxSide, height <= maxSide,
              !overflow, pixels <= maxPixels else {
            throw .absurdDimensions(width: width, height: height)
        }
    }
}

package struct ImageInfo: Sendable, Equatable {
    /// "jpeg" | "png" | "bmp" | "webp" | "tiff"
    package var format: String
    package var width: Int?
    package var height: Int?

    package init(format: String, width: Int?, height: Int?) {
        self.format = format
        self.width = width
        self.height = height
    }
}

/// Decides from the bytes alone whether a file is a plausible, complete image. Decoders are large C
/// libraries; a half-uploaded or hostile file should be turned away before it reaches one.
package enum ImageProbe {
    package static func inspect(_ data: Data, limits: ImageLimits = .default) throws(ImageFileError) -> ImageInfo {
        guard !data.isEmpty else { throw .emptyFile }
        guard data.count <= limits.maxBytes else { throw .tooLarge(bytes: data.count, limit: limits.maxBytes) }
        let bytes = ByteReader(data)
        switch try ImageSignature.detect(bytes) {
        case .jpeg: return try JPEGProbe.inspect(bytes, limits: limits)
        case .png: return try PNGProbe.inspect(bytes, limits: limits)
        case .bmp: return try BMPProbe.inspect(bytes, limits: limits)
        case .webp: return try WebPProbe.inspect(bytes, limits: limits)
        case .tiff: return try TIFFProbe.inspect(bytes, limits: limits)
        }
    }
}

enum ImageSignature: String {
    case jpeg, png, bmp, webp, tiff

    private static let prefixes: [(ImageSignature, [UInt8])] = [
        (.jpeg, [0xFF, 0xD8, 0xFF]),
        (.png, PNGLayout.signature),
        (.bmp, [0x42, 0x4D]),  // "BM"
        (.webp, [0x52, 0x49, 0x46, 0x46]),  // "RIFF", checked for "WEBP" below
        (.tiff, TiffDirectoryReader.littleEndianHeader),
        (.tiff, TiffDirectoryReader.bigEndianHeader),
    ]

    /// A file shorter than a signature it starts with is reported as that format, truncated:
    /// an upload cut off after a few bytes is still recognisably that upload.
    static func detect(_ bytes: ByteReader) throws(ImageFileError) -> ImageSignature {
        for (format, prefix) in prefixes {
            if bytes.matches(prefix, at: 0) {
                guard format == .webp else { return format }
                guard bytes.count >= 12 else { throw .truncatedImage(format: format.rawValue) }
                guard bytes.matches(Array("WEBP".utf8), at: 8) else { throw .notAnImage }
                return format
            }
            if bytes.count >= 2, bytes.count < prefix.count,
               bytes.matches(Array(prefix.prefix(bytes.count)), at: 0) {
                throw .truncatedImage(format: format.rawValue)
            }
        }
        throw .notAnImage
    }
}

enum JPEGMarker {
    static let startOfScan: UInt8 = 0xDA
    static let endOfImage: UInt8 = 0xD9

    /// RSTn, TEM and SOI carry no length field.
    static func isStandalone(_ marker: UInt8) -> Bool {
        (0xD0...0xD8).contains(marker) || marker == 0x01
    }

    /// SOF0...SOF15, minus DHT (C4), JPG (C8) and DAC (CC) which share the range.
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
    }
}

/// Walks JPEG marker segments; complete only if an EOI follows the last scan's entropy-coded data.
enum JPEGProbe {
    private static let format = "jpeg"

    static func inspect(_ bytes: ByteReader, limits: ImageLimits) throws(ImageFileError) -> ImageInfo {
        var offset = 2
        var frame: (width: Int, height: Int)?
        var sawScan = false
        while true {
            let marker = try readMarker(bytes, at: &offset)
            if marker == JPEGMarker.endOfImage {
                // Anything after EOI (zero padding, MPF images, vendor trailers) is ignored by decoders.
                guard sawScan, let frame else { throw .undecodable(reason: "JPEG ends before any image data") }
                return ImageInfo(format: format, width: frame.width, height: frame.height)
            }
            if JPEGMarker.isStandalone(marker) {
                guard marker != 0xD8 else { throw corrupt }
                continue
            }
            let segmentEnd = try segmentEnd(bytes, lengthAt: offset)
            if JPEGMarker.isStartOfFrame(marker), frame == nil {
                frame = try frameSize(bytes, segmentAt: offset, limits: limits)
            } else if marker == JPEGMarker.startOfScan {
                guard frame != nil else { throw .undecodable(reason: "JPEG scan before its frame header") }
                offset = try endOfEntropyCodedData(bytes, from: segmentEnd)
                sawScan = true
                continue
            }
            offset = segmentEnd
        }
    }

    private static var corrupt: ImageFileError { .undecodable(reason: "corrupt JPEG marker structure") }

    /// Reads `FF xx` (skipping fill bytes) and leaves `offset` just after the marker byte.
    private static func readMarker(_ bytes: ByteReader, at offset: inout Int) throws(ImageFileError) -> UInt8 {
        guard let first = bytes.u8(offset) else { throw .truncatedImage(format: format) }
        guard first == 0xFF else { throw corrupt }
        offset += 1
        while let next = bytes.u8(offset) {
            offset += 1
            if next != 0xFF {
                guard next != 0x00 else { throw corrupt }
                return next
            }
        }
        throw .truncatedImage(format: format)
    }

    private static func segmentEnd(_ bytes: ByteReader, lengthAt offset: Int) throws(ImageFileError) -> Int {
        guard let length = bytes.u16(offset, bigEndian: true) else { throw .truncatedImage(format: format) }
        guard length >= 2 else { throw corrupt }
        guard bytes.contains(offset, length: Int(length)) else { throw .truncatedImage(format: format) }
        return offset + Int(length)
    }

    private static func frameSize(
        _ bytes: ByteReader, segmentAt offset: Int, limits: ImageLimits
    ) throws(ImageFileError) -> (width: Int, height: Int) {
        // Length (2), precision (1), height (2), width (2).
        guard let height = bytes.u16(offset + 3, bigEndian: true),
              let width = bytes.u16(offset + 5, bigEndian: true) else { throw corrupt }
        try limits.check(width: Int(width), height: Int(height))
        return (Int(width), Int(height))
    }

    /// Inside entropy-coded data FF is always followed by 00 (a stuffed byte) or RSTn, so the first
    /// other FF xx is the marker that ends the scan. Returns the offset of that FF.
    private static func endOfEntropyCodedData(_ bytes: ByteReader, from start: Int) throws(ImageFileError) -> Int {
        var offset = start
        while let candidate = bytes.firstIndex(of: 0xFF, from: offset) {
            guard let next = bytes.u8(candidate + 1) else { break }
            switch next {
            case 0x00, 0xD0...0xD7: offset = candidate + 2
            case 0xFF: offset = candidate + 1  // fill byte: the marker follows
            default: return candidate
            }
        }
        throw .truncatedImage(format: format)
    }
}

enum PNGLayout {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let iend = Data("IEND".utf8)
    static let ihdr = Data("IHDR".utf8)
    /// The PNG spec caps chunk lengths at 2^31-1.
    static let maxChunkLength: UInt32 = 0x7FFF_FFFF
}

/// Reads IHDR and walks the chunk list to IEND, so a file cut at any point (even at a chunk
/// boundary) is caught. Bytes after IEND are allowed, as for JPEG.
enum PNGProbe {
    private static let format = "png"

    static func inspect(_ bytes: ByteReader, limits: ImageLimits) throws(ImageFileError) -> ImageInfo {
        let headerOffset = PNGLayout.signature.count
        // Signature (8) + IHDR length/type (8) + IHDR data (13) + CRC (4).
        guard bytes.count >= headerOffset + 8 + 13 + 4 else { throw .truncatedImage(format: format) }
        guard bytes.u32(headerOffset, bigEndian: true) == 13,
              bytes.bytes(headerOffset + 4, length: 4) == PNGLayout.ihdr,
              let width = bytes.u32(headerOffset + 8, bigEndian: true),
              let height = bytes.u32(headerOffset + 12, bigEndian: true) else {
            throw .undecodable(reason: "PNG does not start with an IHDR chunk")
        }
        try limits.check(width: Int(width), height: Int(height))
        try walkChunksToEnd(bytes, from: headerOffset)
        return ImageInfo(format: format, width: Int(width), height: Int(height))
    }

    private static func walkChunksToEnd(_ bytes: ByteReader, from start: Int) throws(ImageFileError) {
        var offset = start
        while true {
            guard let length = bytes.u32(offset, bigEndian: true),
                  let type = bytes.bytes(offset + 4, length: 4) else { throw .truncatedImage(format: format) }
            guard length <= PNGLayout.maxChunkLength else {
                throw .undecodable(reason: "PNG chunk length out of range")
            }
            // Length, type, data, CRC.
            let chunkLength = 12 + Int(length)
            guard bytes.contains(offset, length: chunkLength) else { throw .truncatedImage(format: format) }
            if type == PNGLayout.iend { return }
            offset += chunkLength
        }
    }
}
