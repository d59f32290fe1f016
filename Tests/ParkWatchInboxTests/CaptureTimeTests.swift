@testable import ParkWatchImageFiles
import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchInbox

@Suite struct CaptureTimeTests {
    typealias Support = InboxTestSupport
    static let utc = TimeZone.gmt
    static let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
    static let someMTime = Date(timeIntervalSince1970: 1_700_000_000)

    static func utcDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }

    static func components(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> DateComponents {
        DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func jpegWithExif(bigEndian: Bool, ifd0: [InboxTiffFixture.Entry] = [], exif: [InboxTiffFixture.Entry]?) throws -> Data {
        let tiff = InboxTiffFixture.build(bigEndian: bigEndian, ifd0: ifd0, exif: exif)
        return InboxImageFixture.jpeg(try Support.dataset(Support.patchJPEG), withExif: tiff)
    }

    // MARK: EXIF

    @Test(arguments: [false, true])
    func exifDateTimeOriginalWithOffset(bigEndian: Bool) throws {
        let jpeg = try Self.jpegWithExif(bigEndian: bigEndian, ifd0: [(0x0132, .ascii("2030:01:01 00:00:00"))],
                                         exif: [(0x9003, .ascii("2025:01:01 12:00:00")), (0x9011, .ascii("+02:00"))])
        let found = try #require(ExifReader.dateTimeOriginal(in: jpeg))
        #expect(found.components == Self.components(2025, 1, 1, 12, 0, 0))
        #expect(found.utcOffsetSeconds == 7200)
        // The offset wins over the camera zone passed in.
        let resolved = CaptureTime.resolve(data: jpeg, fileName: "20990101_000000.jpg", modified: Self.someMTime,
                                           timeZone: Self.saoPaulo)
        #expect(resolved == CaptureTime(date: Self.utcDate(2025, 1, 1, 10, 0), source: .exif))
        // The EXIF segment does not make the image look broken.
        #expect(try ImageProbe.inspect(jpeg).width == 150)
    }

    @Test(arguments: [false, true])
    func exifWithoutOffsetUsesCameraZone(bigEndian: Bool) throws {
        let jpeg = try Self.jpegWithExif(bigEndian: bigEndian, exif: [(0x9003, .ascii("2013:02:22 06:25:00"))])
        #expect(ExifReader.dateTimeOriginal(in: jpeg)?.utcOffsetSeconds == nil)
        let resolved = CaptureTime.resolve(data: jpeg, fileName: "x.jpg", modified: Self.someMTime, timeZone: Self.saoPaulo)
        #expect(resolved == CaptureTime(date: Self.utcDate(2013, 2, 22, 9, 25), source: .exif))
        let inUTC = CaptureTime.resolve(data: jpeg, fileName: "x.jpg", modified: Self.someMTime)
        #expect(inUTC.date == Self.utcDate(2013, 2, 22, 6, 25))
    }

    @Test func fallsBackToDigitizedThenIFD0DateTime() throws {
        let digitized = try Self.jpegWithExif(bigEndian: false, ifd0: [(0x0132, .ascii("2030:01:01 00:00:00"))],
                                              exif: [(0x9004, .ascii("2024:02:29 23:59:59")), (0x9012, .ascii("-03:30"))])
        let first = try #require(ExifReader.dateTimeOriginal(in: digitized))
        #expect(first.components == Self.components(2024, 2, 29, 23, 59, 59))
        #expect(first.utcOffsetSeconds == -(3 * 3600 + 1800))
        let ifd0Only = try Self.jpegWithExif(bigEndian: true, ifd0: [(0x0132, .ascii("2021:07:04 08:09:10"))], exif: nil)
        #expect(ExifReader.dateTimeOriginal(in: ifd0Only)?.components == Self.components(2021, 7, 4, 8, 9, 10))
    }

    @Test func invalidExifDateFallsBackToFileName() throws {
        let jpeg = try Self.jpegWithExif(bigEndian: false, exif: [(0x9003, .ascii("0000:00:00 00:00:00"))])
        #expect(ExifReader.dateTimeOriginal(in: jpeg) == nil)
        let resolved = CaptureTime.resolve(data: jpeg, fileName: "cam1_2025-01-01_12-00-00.jpg", modified: Self.someMTime)
        #expect(resolved == CaptureTime(date: Self.utcDate(2025, 1, 1, 12, 0), source: .fileName))
    }

    @Test func exifInADataSlice() throws {
        let jpeg = try Self.jpegWithExif(bigEndian: true, exif: [(0x9003, .ascii("2025:06:07 08:09:10"))])
        let slice = (Data([1, 2, 3]) + jpeg)[3...]
        #expect(ExifReader.dateTimeOriginal(in: slice)?.components == Self.components(2025, 6, 7, 8, 9, 10))
    }

    @Test func exifInPNGAndBareTIFF() throws {
        let tiff = InboxTiffFixture.build(bigEndian: true, ifd0: [], exif: [(0x9003, .ascii("2019:05:06 07:08:09"))])
        let png = InboxImageFixture.png(try Support.dataset(Support.pklotPNG), insertingChunk: "eXIf", payload: tiff)
        #expect(ExifReader.dateTimeOriginal(in: png)?.components == Self.components(2019, 5, 6, 7, 8, 9))
        #expect(ExifReader.dateTimeOriginal(in: tiff)?.components == Self.components(2019, 5, 6, 7, 8, 9))
    }

    @Test func realFilesWithoutExif() throws {
        #expect(ExifReader.dateTimeOriginal(in: try Support.dataset(Support.pklotJPEG)) == nil)
        let png = try Support.dataset(Support.pklotPNG)
        let resolved = CaptureTime.resolve(data: png, fileName: "2013-02-22_06_25_00.png", modified: Self.someMTime,
                                           timeZone: Self.saoPaulo)
        #expect(resolved == CaptureTime(date: Self.utcDate(2013, 2, 22, 9, 25), source: .fileName))
    }

    // MARK: File names

    @Test(arguments: [
        ("20250101_120000.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("20250101120000.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("2013-02-22_06_25_00.png", components(2013, 2, 22, 6, 25, 0)),
        ("2025-01-01T12-00-00.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("2025-01-01 12.00.00.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("IMG_20250101_120000_123.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("cam1_2025-01-01_12-00-00.jpg", components(2025, 1, 1, 12, 0, 0)),
        ("20150703_0805_14.jpg", components(2015, 7, 3, 8, 5, 14)),
        ("20240229_235959", components(2024, 2, 29, 23, 59, 59)),
        ("20251340_250000_then_2025-12-31_23-59-59.jpg", components(2025, 12, 31, 23, 59, 59)),
    ])
    func fileNameTimestamps(name: String, expected: DateComponents) {
        #expect(FileNameTimestamp.components(in: name) == expected)
    }

    @Test(arguments: [
        "20251340_250000.jpg",  // month 13, day 40, hour 25
        "20250229_120000.jpg",  // not a leap year
        "20250431_120000.jpg",  // April has 30 days
        "20250101_126000.jpg",  // minute 60
        "120250101_120000.jpg",  // part of a longer digit run
        "20250101_120000123.jpg",
        "2025-01_01_12-00-00.jpg",  // mixed date separators
        "photo.jpg", "", "2025", "IMG_0001.JPG", "18000101_120000.jpg",
    ])
    func fileNamesWithoutValidTimestamp(name: String) {
        #expect(FileNameTimestamp.components(in: name) == nil)
    }

    @Test func mtimeFallback() {
        let resolved = CaptureTime.resolve(data: Data("not an image".utf8), fileName: "upload.jpg", modified: Self.someMTime)
        #expect(resolved == CaptureTime(date: Self.someMTime, source: .modified))
        #expect(CaptureTimeSource.modified.rawValue == "mtime" && CaptureTimeSource.fileName.rawValue == "file_name")
    }

    // MARK: Hostile EXIF

    /// Random and mutated buffers must give nil or a date, never a crash or a hang.
    @Test func hostileExifNeverCrashes() throws {
        let valid = try Self.jpegWithExif(bigEndian: false, ifd0: [(0x0132, .ascii("2021:07:04 08:09:10"))],
                                          exif: [(0x9003, .ascii("2025:01:01 12:00:00")), (0x9011, .ascii("+02:00"))])
        let validBE = try Self.jpegWithExif(bigEndian: true, exif: [(0x9003, .ascii("2025:01:01 12:00:00"))])
        var generator = SeededGenerator(state: 2025)
        for seed in [valid, validBE] {
            let exifEnd = 4 + Int(seed[4]) << 8 + Int(seed[5])  // mutate within SOI + APP1
            for _ in 0..<3000 {
                var bytes = [UInt8](seed.prefix(exifEnd + 40))
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 2..<exifEnd, using: &generator)
                    bytes[index] = [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &generator)]
                        .randomElement(using: &generator)!
                }
                let data = Data(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                _ = ExifReader.dateTimeOriginal(in: data)
                _ = CaptureTime.resolve(data: data, fileName: "x", modified: Self.someMTime)
            }
        }
        let prefixes: [[UInt8]] = [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A],
                                   [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF] + Array("Exif\0\0II*\0".utf8)]
        for prefix in prefixes {
            for _ in 0..<2000 {
                let data = Data(prefix) + generator.bytes(Int.random(in: 0...300, using: &generator))
                _ = ExifReader.dateTimeOriginal(in: data)
            }
        }
    }

    @Test func hostileOffsetsAndCounts() {
        // IFD0 claims 65535 entries; an entry points far outside; an ASCII count of 4 GB.
        let hostile: [[UInt8]] = [
            [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 0xFF, 0xFF],
            [0x4D, 0x4D, 0x00, 0x2A, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 1, 0, 0x69, 0x87, 4, 0, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0],
            [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 1, 0, 0x32, 0x01, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0, 0, 0, 0, 0],
            [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 1, 0, 0x69, 0x87, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0],  // self loop
        ]
        for bytes in hostile {
            #expect(ExifReader.dateTimeOriginal(in: Data(bytes)) == nil)
        }
    }
}
