import Foundation

/// BMP: the pixel array's size follows from the header for uncompressed bitmaps, which lets a
/// truncated upload be caught; compressed ones are trusted up to their declared biSizeImage.
enum BMPProbe {
    private static let format = "bmp"
    /// BITMAPCOREHEADER (12), OS/2 v2 (16, 64), BITMAPINFOHEADER (40) and its V2-V5 extensions.
    private static let knownHeaderSizes: Set<UInt32> = [12, 16, 40, 52, 56, 64, 108, 124]
    private static let uncompressed: Set<UInt32> = [0, 3, 6]  // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS

    static func inspect(_ bytes: ByteReader, limits: ImageLimits) throws(ImageFileError) -> ImageInfo {
        guard let headerSize = bytes.u32(14, bigEndian: false),
              let pixelOffset = bytes.u32(10, bigEndian: false) else { throw .truncatedImage(format: format) }
        guard knownHeaderSizes.contains(headerSize) else { throw .notAnImage }
        guard bytes.contains(14, length: Int(headerSize)) else { throw .truncatedImage(format: format) }
        let layout = try headerSize == 12 ? coreLayout(bytes) : infoLayout(bytes)
        try limits.check(width: layout.width, height: layout.height)
        if let pixelBytes = pixelArrayLength(layout) {
            let (end, overflow) = Int(pixelOffset).addingReportingOverflow(pixelBytes)
            guard !overflow, end <= bytes.count else { throw .truncatedImage(format: format) }
        }
        return ImageInfo(format: format, width: layout.width, height: layout.height)
    }

    private struct Layout {
        var width: Int
        var height: Int
        var bitsPerPixel: Int
        var compression: UInt32
        var declaredImageSize: Int
    }

    private static func coreLayout(_ bytes: ByteReader) throws(ImageFileError) -> Layout {
        guard let width = bytes.u16(18, bigEndian: false), let height = bytes.u16(20, bigEndian: false),
              let bits = bytes.u16(24, bigEndian: false) else { throw .truncatedImage(format: format) }
        return Layout(width: Int(width), height: Int(height), bitsPerPixel: Int(bits),
                      compression: 0, declaredImageSize: 0)
    }

    private static func infoLayout(_ bytes: ByteReader) throws(ImageFileError) -> Layout {
        guard let width = bytes.u32(18, bigEndian: false), let height = bytes.u32(22, bigEndian: false),
              let bits = bytes.u16(28, bigEndian: false) else { throw .truncatedImage(format: format) }
        // OS/2 16-byte headers stop before the compression fields: treat as uncompressed.
        let compression = bytes.u32(30, bigEndian: false) ?? 0
        let imageSize = bytes.u32(34, bigEndian: false) ?? 0
        // A negative height means rows are stored top-down; the magnitude is the height.
        let signedHeight = Int32(bitPattern: height)
        return Layout(width: Int(Int32(bitPattern: width)), height: Int(signedHeight.magnitude),
                      bitsPerPixel: Int(bits), compression: compression, declaredImageSize: Int(imageSize))
    }

    /// Expected byte length of the pixel array, or nil when the header does not determine it.
    private static func pixelArrayLength(_ layout: Layout) -> Int? {
        guard uncompressed.contains(layout.compression), [1, 2, 4, 8, 16, 24, 32].contains(layout.bitsPerPixel) else {
            return layout.declaredImageSize > 0 ? layout.declaredImageSize : nil
        }
        // Rows are padded to 4 bytes. Sides are already bounded by the limits, but stay checked.
        let (bits, overflow1) = layout.bitsPerPixel.multipliedReportingOverflow(by: layout.width)
        let rowBytes = (bits / 32 + (bits % 32 == 0 ? 0 : 1)) * 4
        let (total, overflow2) = rowBytes.multipliedReportingOverflow(by: layout.height)
        return overflow1 || overflow2 ? nil : total
    }
}

/// WebP: RIFF container whose declared size must be present, plus the first chunk's dimensions.
enum WebPProbe {
    private static let format = "webp"

    static func inspect(_ bytes: ByteReader, limits: ImageLimits) throws(ImageFileError) -> ImageInfo {
        guard let riffSize = bytes.u32(4, bigEndian: false) else { throw .truncatedImage(format: format) }
        guard bytes.count >= Int(riffSize) + 8 else { throw .truncatedImage(format: format) }
        guard let chunk = bytes.bytes(12, length: 4) else { throw .truncatedImage(format: format) }
        let size = try dimensions(bytes, chunk: String(decoding: chunk, as: UTF8.self))
        try limits.check(width: size.width, height: size.height)
        return ImageInfo(format: format, width: size.width, height: size.height)
    }

    private static func dimensions(_ bytes: ByteReader, chunk: String) throws(ImageFileError) -> (width: Int, height: Int) {
        let payload = 20
        switch chunk {
        case "VP8 ":
            // 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            guard let width = bytes.u16(payload + 6, bigEndian: false),
                  let height = bytes.u16(payload + 8, bigEndian: false) else { throw .truncatedImage(format: format) }
            guard bytes.matches([0x9D, 0x01, 0x2A], at: payload + 3) else {
                throw .undecodable(reason: "WebP VP8 frame without start code")
            }
            return (Int(width & 0x3FFF), Int(height & 0x3FFF))
        case "VP8L":
            guard let bits = bytes.u32(payload + 1, bigEndian: false) else { throw .truncatedImage(format: format) }
            guard bytes.u8(payload) == 0x2F else { throw .undecodable(reason: "WebP lossless without signature") }
            return (Int(bits & 0x3FFF) + 1, Int((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard let width = bytes.u24LE(payload + 4),
                  let height = bytes.u24LE(payload + 7) else { throw .truncatedImage(format: format) }
            return (Int(width) + 1, Int(height) + 1)
        default:
            throw .undecodable(reason: "WebP without a VP8, VP8L or VP8X chunk")
        }
    }
}

/// TIFF: only checks that the first directory is present and reads its size tags if it has them;
/// completeness of the strips is left to the decoder.
enum TIFFProbe {
    private static let format = "tiff"
    private static let imageWidthTag: UInt16 = 0x0100
    private static let imageLengthTag: UInt16 = 0x0101

    static func inspect(_ bytes: ByteReader, limits: ImageLimits) throws(ImageFileError) -> ImageInfo {
        guard let tiff = TiffDirectoryReader(bytes),
              let entries = tiff.entries(at: tiff.firstIFDOffset) else { throw .truncatedImage(format: format) }
        let width = tiff.entry(imageWidthTag, in: entries).flatMap(tiff.unsignedValue)
        let height = tiff.entry(imageLengthTag, in: entries).flatMap(tiff.unsignedValue)
        if let width, let height {
            try limits.check(width: width, height: height)
        }
        return ImageInfo(format: format, width: width, height: height)
    }
}
