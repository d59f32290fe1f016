import Foundation
import ParkWatchTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Temporary directories, shared test data and hand-built image bytes for the inbox tests.
enum InboxTestSupport {
    /// Read straight from the shared folder; test data is never copied into the package.
    static func dataset(_ relativePath: String) throws -> Data {
        try Data(contentsOf: TestResources.dataset(relativePath))
    }

    static let pklotJPEG = "pklot-ufpr05-dev/day0/2013-02-24_10_05_04.jpg"
    static let pklotPNG = "pklot-ufpr05-dev/day1/2013-02-22_06_25_00.png"
    static let patchJPEG = "cnrpark-a/busy/20150703_0805_14.jpg"

    /// Runs `body` with a fresh directory under `base` that is removed afterwards, whether the body
    /// returns, throws or records failed expectations.
    static func withTemporaryDirectory<T>(in base: String = NSTemporaryDirectory(), _ body: (URL) throws -> T) throws -> T {
        var template = Array((base as NSString).appendingPathComponent("parkwatch-inbox-test-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
        }
        let url = URL(fileURLWithPath: String(cString: created), isDirectory: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    static func deviceID(of path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
    }

    static let sharedMemoryDirectory = "/dev/shm"

    /// Whether a real EXDEV move can be exercised: needs /dev/shm on another device than the temp dir.
    static var temporaryAndSharedMemoryOnDifferentDevices: Bool {
        guard let temp = deviceID(of: NSTemporaryDirectory()),
              let shm = deviceID(of: sharedMemoryDirectory),
              access(sharedMemoryDirectory, W_OK) == 0 else { return false }
        return temp != shm
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    static func contents(of url: URL) throws -> Data {
        try Data(contentsOf: url)
    }

    static func lstatInfo(_ url: URL) -> stat? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? info : nil
    }

    static func isSymlink(_ url: URL) -> Bool {
        lstatInfo(url).map { $0.st_mode & S_IFMT == S_IFLNK } ?? false
    }

    static func exists(_ url: URL) -> Bool {
        lstatInfo(url) != nil
    }
}

/// Builds TIFF structures (the body of an EXIF block) in either byte order.
enum InboxTiffFixture {
    enum Value {
        case ascii(String)
        case short(UInt16)
        case long(UInt32)
    }

    typealias Entry = (tag: UInt16, value: Value)

    /// IFD0 with `ifd0` entries and, when `exif` is given, an Exif sub-IFD linked by tag 0x8769.
    static func build(bigEndian: Bool, ifd0: [Entry], exif: [Entry]? = nil) -> Data {
        let ifd0Count = ifd0.count + (exif == nil ? 0 : 1)
        let exifOffset = 8 + 2 + 12 * ifd0Count + 4
        let dataStart = exifOffset + (exif.map { 2 + 12 * $0.count + 4 } ?? 0)
        var writer = Writer(bigEndian: bigEndian, dataStart: dataStart)
        writer.out += bigEndian ? [0x4D, 0x4D, 0x00, 0x2A] : [0x49, 0x49, 0x2A, 0x00]
        writer.u32(8)
        var first = ifd0
        if exif != nil { first.append((0x8769, .long(UInt32(exifOffset)))) }
        writer.directory(first.sorted { $0.tag < $1.tag })
        if let exif { writer.directory(exif.sorted { $0.tag < $1.tag }) }
        return Data(writer.out + writer.dataArea)
    }

    private struct Writer {
        let bigEndian: Bool
        let dataStart: Int
        var out: [UInt8] = []
        var dataArea: [UInt8] = []

        mutating func u16(_ value: UInt16) {
            let bytes = [UInt8(value >> 8), UInt8(value & 0xFF)]
            out += bigEndian ? bytes : bytes.reversed()
        }

        mutating func u32(_ value: UInt32) {
            let bytes = (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) }
            out += bigEndian ? bytes : bytes.reversed()
        }

        mutating func directory(_ entries: [Entry]) {
            u16(UInt16(entries.count))
            for entry in entries { self.entry(entry) }
            u32(0)  // no next IFD
        }

        private mutating func entry(_ entry: Entry) {
            u16(entry.tag)
            switch entry.value {
            case .short(let value):
                u16(3); u32(1); u16(value); u16(0)
            case .long(let value):
                u16(4); u32(1); u32(value)
            case .ascii(let text):
                let bytes = Array(text.utf8) + [0]
                u16(2); u32(UInt32(bytes.count))
                if bytes.count <= 4 {
                    out += bytes + [UInt8](repeating: 0, count: 4 - bytes.count)
                } else {
                    u32(UInt32(dataStart + dataArea.count))
                    dataArea += bytes
                    if dataArea.count % 2 == 1 { dataArea.append(0) }
                }
            }
        }
    }
}

/// Hand-built image bytes.
enum InboxImageFixture {
    /// Inserts an APP1 "Exif" segment right after SOI.
    static func jpeg(_ jpeg: Data, withExif tiff: Data) -> Data {
        app1(jpeg, payload: Data("Exif".utf8) + Data([0, 0]) + tiff)
    }

    static func app1(_ jpeg: Data, payload: Data) -> Data {
        let length = payload.count + 2
        var segment = Data([0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)])
        segment.append(payload)
        return jpeg.prefix(2) + segment + jpeg.dropFirst(2)
    }

    static func bigEndian32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) }
    }

    static func littleEndian32(_ value: UInt32) -> [UInt8] {
        bigEndian32(value).reversed()
    }

    /// Overwrites IHDR width and height of a real PNG.
    static func png(_ png: Data, claimingWidth width: UInt32, height: UInt32) -> Data {
        var bytes = [UInt8](png)
        bytes.replaceSubrange(16..<20, with: bigEndian32(width))
        bytes.replaceSubrange(20..<24, with: bigEndian32(height))
        return Data(bytes)
    }

    /// Inserts a chunk right after IHDR (the CRC is not checked by the probe or the EXIF reader).
    static func png(_ png: Data, insertingChunk type: String, payload: Data) -> Data {
        let chunk = Data(bigEndian32(UInt32(payload.count))) + Data(type.utf8) + payload + Data([0, 0, 0, 0])
        return png.prefix(33) + chunk + png.dropFirst(33)
    }

    /// An uncompressed 24-bit bottom-up (or top-down, with negative height) BMP.
    static func bmp(width: Int, height: Int, topDown: Bool = false) -> Data {
        let rowBytes = (width * 3 + 3) / 4 * 4
        let pixelBytes = rowBytes * height
        var bytes: [UInt8] = Array("BM".utf8) + littleEndian32(UInt32(54 + pixelBytes)) + [0, 0, 0, 0]
        bytes += littleEndian32(54) + littleEndian32(40) + littleEndian32(UInt32(width))
        bytes += littleEndian32(topDown ? UInt32(bitPattern: Int32(-height)) : UInt32(height))
        bytes += [1, 0, 24, 0] + littleEndian32(0) + littleEndian32(UInt32(pixelBytes))
        bytes += littleEndian32(2835) + littleEndian32(2835) + littleEndian32(0) + littleEndian32(0)
        return Data(bytes + [UInt8](repeating: 0x7F, count: pixelBytes))
    }

    /// A RIFF/WEBP container with one chunk whose payload is `payload` plus `padding` bytes.
    static func webp(chunk: String, payload: [UInt8], padding: Int = 64) -> Data {
        let body = payload + [UInt8](repeating: 0, count: padding)
        let chunkBytes = Array(chunk.utf8) + littleEndian32(UInt32(body.count)) + body
        let riff = Array("WEBP".utf8) + chunkBytes
        return Data(Array("RIFF".utf8) + littleEndian32(UInt32(riff.count)) + riff)
    }
}
