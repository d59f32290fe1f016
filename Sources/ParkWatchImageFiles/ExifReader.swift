import Foundation

/// Reads the capture time a camera stored in EXIF. Everything here parses attacker-controlled bytes:
/// any inconsistency makes the reader give up (nil) rather than guess.
package enum ExifReader {
    /// DateTimeOriginal, else DateTimeDigitized, else IFD0 DateTime, each with its matching
    /// OffsetTime* tag when the camera wrote one. Accepts JPEG (APP1 "Exif"), PNG (eXIf) or bare TIFF.
    package static func dateTimeOriginal(in data: Data) -> (components: DateComponents, utcOffsetSeconds: Int?)? {
        for stream in tiffStreams(in: ByteReader(data)) {
            if let found = dateTime(inTIFF: stream) { return found }
        }
        return nil
    }

    private static let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]  // "Exif\0\0"
    private static let exifIFDPointerTag: UInt16 = 0x8769

    /// (date tag, offset tag, whether the date lives in the Exif sub-IFD) in order of preference.
    private static let dateTags: [(date: UInt16, offset: UInt16, inExifIFD: Bool)] = [
        (0x9003, 0x9011, true),  // DateTimeOriginal + OffsetTimeOriginal
        (0x9004, 0x9012, true),  // DateTimeDigitized + OffsetTimeDigitized
        (0x0132, 0x9010, false),  // DateTime (IFD0) + OffsetTime
    ]

    static func tiffStreams(in bytes: ByteReader) -> [ByteReader] {
        if TiffDirectoryReader(bytes) != nil { return [bytes] }
        if bytes.matches([0xFF, 0xD8], at: 0) { return jpegExifPayloads(bytes) }
        if bytes.matches(PNGLayout.signature, at: 0) { return pngExifPayloads(bytes) }
        return []
    }

    /// APP1 "Exif" payloads, walking marker segments until the first scan (metadata precedes it).
    private static func jpegExifPayloads(_ bytes: ByteReader) -> [ByteReader] {
        var payloads: [ByteReader] = []
        var offset = 2
        while bytes.u8(offset) == 0xFF, let marker = bytes.u8(offset + 1) {
            if marker == 0xFF { offset += 1; continue }  // fill byte before a marker
            if marker == 0xDA || marker == 0xD9 { break }
            if JPEGMarker.isStandalone(marker) { offset += 2; continue }
            guard let length = bytes.u16(offset + 2, bigEndian: true), length >= 2 else { break }
            let payloadStart = offset + 4
            let payloadLength = Int(length) - 2
            if marker == 0xE1, bytes.matches(exifHeader, at: payloadStart),
               let tiff = bytes.bytes(payloadStart + 6, length: payloadLength - 6) {
                payloads.append(ByteReader(tiff))
            }
            offset = payloadStart + payloadLength
        }
        return payloads
    }

    private static func pngExifPayloads(_ bytes: ByteReader) -> [ByteReader] {
        var payloads: [ByteReader] = []
        var offset = PNGLayout.signature.count
        while let length = bytes.u32(offset, bigEndian: true), length <= PNGLayout.maxChunkLength,
              let type = bytes.bytes(offset + 4, length: 4) {
            if type == PNGLayout.iend { break }
            if type == Data("eXIf".utf8), let tiff = bytes.bytes(offset + 8, length: Int(length)) {
                payloads.append(ByteReader(tiff))
            }
            offset += 12 + Int(length)
        }
        return payloads
    }

    private static func dateTime(inTIFF bytes: ByteReader) -> (components: DateComponents, utcOffsetSeconds: Int?)? {
        guard let tiff = TiffDirectoryReader(bytes),
              let ifd0 = tiff.entries(at: tiff.firstIFDOffset) else { return nil }
        let exifIFD = tiff.entry(exifIFDPointerTag, in: ifd0)
            .flatMap(tiff.unsignedValue)
            .flatMap { tiff.entries(at: $0) } ?? []
        for tags in dateTags {
            let directory = tags.inExifIFD ? exifIFD : ifd0
            guard let text = tiff.entry(tags.date, in: directory).flatMap(tiff.asciiValue),
                  let components = ExifDateText.components(text) else { continue }
            let offset = tiff.entry(tags.offset, in: exifIFD)
                .flatMap(tiff.asciiValue)
                .flatMap(ExifDateText.utcOffsetSeconds)
            return (components, offset)
        }
        return nil
    }
}

/// Text formats EXIF uses for times: "YYYY:MM:DD HH:MM:SS" and "+HH:MM".
enum ExifDateText {
    static func components(_ text: String) -> DateComponents? {
        let chars = Array(text.utf8)
        guard chars.count >= 19 else { return nil }
        // Cameras disagree on separators ("2025:01:01", "2025-01-01", "2025/01/01"): only digits matter.
        guard [4, 7, 10, 13, 16].allSatisfy({ !TimestampDigits.isDigit(chars[$0]) }),
              let year = TimestampDigits.value(chars, at: 0, count: 4),
              let month = TimestampDigits.value(chars, at: 5, count: 2),
              let day = TimestampDigits.value(chars, at: 8, count: 2),
              let hour = TimestampDigits.value(chars, at: 11, count: 2),
              let minute = TimestampDigits.value(chars, at: 14, count: 2),
              let second = TimestampDigits.value(chars, at: 17, count: 2) else { return nil }
        return WallClockFields.components(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func utcOffsetSeconds(_ text: String) -> Int? {
        let chars = Array(text.utf8)
        guard chars.count >= 6, chars[3] == UInt8(ascii: ":"),
              let hours = TimestampDigits.value(chars, at: 1, count: 2),
              let minutes = TimestampDigits.value(chars, at: 4, count: 2),
              hours <= 18, minutes < 60 else { return nil }
        switch chars[0] {
        case UInt8(ascii: "+"): return hours * 3600 + minutes * 60
        case UInt8(ascii: "-"): return -(hours * 3600 + minutes * 60)
        default: return nil
        }
    }
}

/// One 12-byte entry of a TIFF image file directory.
struct TiffEntry: Sendable {
    let tag: UInt16
    let type: UInt16
    let count: UInt32
    /// Absolute offset of the entry's 4-byte value-or-offset field.
    let valueFieldOffset: Int
}

/// Minimal TIFF structure reader shared by EXIF parsing and the TIFF image probe.
struct TiffDirectoryReader: Sendable {
    let bytes: ByteReader
    let bigEndian: Bool
    let firstIFDOffset: Int

    static let littleEndianHeader: [UInt8] = [0x49, 0x49, 0x2A, 0x00]  // "II*\0"
    static let bigEndianHeader: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A]  // "MM\0*"
    /// Date strings are 20 bytes; anything much longer is not what we are looking for.
    private static let maxASCIILength = 64

    init?(_ bytes: ByteReader) {
        if bytes.matches(Self.littleEndianHeader, at: 0) {
            bigEndian = false
        } else if bytes.matches(Self.bigEndianHeader, at: 0) {
            bigEndian = true
        } else {
            return nil
        }
        guard let offset = bytes.u32(4, bigEndian: bigEndian) else { return nil }
        self.bytes = bytes
        firstIFDOffset = Int(offset)
    }

    /// The entries of the directory at `offset`, or nil when it does not fit inside the buffer.
    func entries(at offset: Int) -> [TiffEntry]? {
        guard let declared = bytes.u16(offset, bigEndian: bigEndian) else { return nil }
        let count = Int(declared)
        guard bytes.contains(offset + 2, length: count * 12) else { return nil }
        return (0..<count).compactMap { index in
            let start = offset + 2 + index * 12
            guard let tag = bytes.u16(start, bigEndian: bigEndian),
                  let type = bytes.u16(start + 2, bigEndian: bigEndian),
                  let valueCount = bytes.u32(start + 4, bigEndian: bigEndian) else { return nil }
            return TiffEntry(tag: tag, type: type, count: valueCount, valueFieldOffset: start + 8)
        }
    }

    func entry(_ tag: UInt16, in entries: [TiffEntry]) -> TiffEntry? {
        entries.first { $0.tag == tag }
    }

    /// A single SHORT, LONG or IFD value.
    func unsignedValue(_ entry: TiffEntry) -> Int? {
        guard entry.count >= 1 else { return nil }
        switch entry.type {
        case 3: return bytes.u16(entry.valueFieldOffset, bigEndian: bigEndian).map(Int.init)
        case 4, 13: return bytes.u32(entry.valueFieldOffset, bigEndian: bigEndian).map(Int.init)
        default: return nil
        }
    }

    /// An ASCII (or UNDEFINED, which some cameras use) value up to its first NUL.
    func asciiValue(_ entry: TiffEntry) -> String? {
        guard entry.type == 2 || entry.type == 7, entry.count >= 1,
              entry.count <= Self.maxASCIILength else { return nil }
        let length = Int(entry.count)
        let start: Int
        if length <= 4 {
            start = entry.valueFieldOffset
        } else {
            guard let pointer = bytes.u32(entry.valueFieldOffset, bigEndian: bigEndian) else { return nil }
            start = Int(pointer)
        }
        guard let raw = bytes.bytes(start, length: length) else { return nil }
        let text = raw.prefix { $0 != 0 }
        guard text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}

/// ASCII digit helpers shared by the EXIF and file-name timestamp parsers.
enum TimestampDigits {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The decimal value of exactly `count` digits at `offset` (count is small: no overflow).
    static func value(_ chars: [UInt8], at offset: Int, count: Int) -> Int? {
        guard offset >= 0, count > 0, offset <= chars.count - count else { return nil }
        var result = 0
        for byte in chars[offset..<(offset + count)] {
            guard isDigit(byte) else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }
}
