@testable import ParkWatchImageFiles
import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchInbox

@Suite struct ImageProbeTests {
    typealias Support = InboxTestSupport

    // MARK: Real images

    @Test func acceptsRealImages() throws {
        let frame = try ImageProbe.inspect(Support.dataset(Support.pklotJPEG))
        #expect(frame == ImageInfo(format: "jpeg", width: 1280, height: 720))
        let patch = try ImageProbe.inspect(Support.dataset(Support.patchJPEG))
        #expect(patch == ImageInfo(format: "jpeg", width: 150, height: 150))
        let png = try ImageProbe.inspect(Support.dataset(Support.pklotPNG))
        #expect(png.format == "png" && png.width == 1280 && png.height == 720)
    }

    @Test func acceptsBusyPatches() throws {
        let folder = TestResources.dataset("cnrpark-a/busy")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(25)
        for name in names {
            let info = try ImageProbe.inspect(Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(info.format == "jpeg", "\(name)")
        }
    }

    /// Callers may pass a slice of a larger buffer, whose indices do not start at zero.
    @Test func acceptsDataSlices() throws {
        let jpeg = try Support.dataset(Support.patchJPEG)
        let buffer = Data("prefix".utf8) + jpeg
        let slice = buffer[6...]
        #expect(slice.startIndex == 6)
        #expect(try ImageProbe.inspect(slice) == ImageInfo(format: "jpeg", width: 150, height: 150))
    }

    // MARK: Rejections

    @Test func emptyTextAndRandomBytes() throws {
        #expect(throws: ImageFileError.emptyFile) { try ImageProbe.inspect(Data()) }
        #expect(throws: ImageFileError.notAnImage) { try ImageProbe.inspect(Data("hello, camera\n".utf8)) }
        #expect(throws: ImageFileError.notAnImage) { try ImageProbe.inspect(Data([0xFF])) }
        var generator = SeededGenerator(state: 7)
        for _ in 0..<50 {
            var noise = generator.bytes(4096)
            noise[0] = 0x00  // no known signature starts with 0
            #expect(throws: ImageFileError.notAnImage) { try ImageProbe.inspect(noise) }
        }
    }

    @Test func tooLarge() throws {
        let jpeg = try Support.dataset(Support.patchJPEG)
        let limits = ImageLimits(maxBytes: 1000)
        #expect(throws: ImageFileError.tooLarge(bytes: jpeg.count, limit: 1000)) {
            try ImageProbe.inspect(jpeg, limits: limits)
        }
    }

    @Test func truncatedJPEG() throws {
        let jpeg = try Support.dataset(Support.pklotJPEG)
        for cut in [2, 3, 20, 200, 700, jpeg.count / 2, jpeg.count - 2, jpeg.count - 1] {
            #expect(throws: ImageFileError.truncatedImage(format: "jpeg"), "cut at \(cut)") {
                try ImageProbe.inspect(jpeg.prefix(cut))
            }
        }
    }

    @Test func truncatedPNG() throws {
        let png = try Support.dataset(Support.pklotPNG)
        for cut in [4, 20, 40, 5000, png.count / 2, png.count - 12, png.count - 1] {
            #expect(throws: ImageFileError.truncatedImage(format: "png"), "cut at \(cut)") {
                try ImageProbe.inspect(png.prefix(cut))
            }
        }
    }

    @Test func absurdPNGDimensions() throws {
        let png = try Support.dataset(Support.pklotPNG)
        #expect(throws: ImageFileError.absurdDimensions(width: 100_000, height: 100_000)) {
            try ImageProbe.inspect(InboxImageFixture.png(png, claimingWidth: 100_000, height: 100_000))
        }
        #expect(throws: ImageFileError.absurdDimensions(width: 10, height: 720)) {
            try ImageProbe.inspect(InboxImageFixture.png(png, claimingWidth: 10, height: 720))
        }
        // Each side allowed, but 225 MP is over maxPixels.
        #expect(throws: ImageFileError.absurdDimensions(width: 15_000, height: 15_000)) {
            try ImageProbe.inspect(InboxImageFixture.png(png, claimingWidth: 15_000, height: 15_000))
        }
        #expect(throws: ImageFileError.absurdDimensions(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF)) {
            try ImageProbe.inspect(InboxImageFixture.png(png, claimingWidth: .max, height: .max))
        }
    }

    @Test func absurdJPEGDimensions() throws {
        var bytes = [UInt8](try Support.dataset(Support.patchJPEG))
        // Find the SOF0 header and claim 65535 x 65535.
        let sof = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange((sof + 5)..<(sof + 9), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: ImageFileError.absurdDimensions(width: 65535, height: 65535)) {
            try ImageProbe.inspect(Data(bytes))
        }
    }

    // MARK: JPEG structure

    @Test func jpegWithZeroPaddingOrTrailerAfterEOI() throws {
        let jpeg = try Support.dataset(Support.patchJPEG)
        let padded = jpeg + Data(repeating: 0, count: 4096)
        #expect(try ImageProbe.inspect(padded).width == 150)
        // Decision: bytes after EOI are ignored, like decoders do (MPF images, vendor trailers).
        let trailer = jpeg + Data("TRAILER".utf8)
        #expect(try ImageProbe.inspect(trailer).height == 150)
    }

    /// An EXIF thumbnail ends with its own EOI before the main image's SOS; that EOI must not make a
    /// truncated main image look complete.
    @Test func embeddedThumbnailEOIDoesNotCount() throws {
        let thumbnail = try Support.dataset(Support.patchJPEG)
        let main = try Support.dataset(Support.pklotJPEG)
        let withThumbnail = InboxImageFixture.app1(main, payload: Data("Exif".utf8) + Data([0, 0]) + thumbnail)
        #expect(try ImageProbe.inspect(withThumbnail).width == 1280)
        for cut in [thumbnail.count + 20, withThumbnail.count / 2, withThumbnail.count - 2] {
            #expect(throws: ImageFileError.truncatedImage(format: "jpeg")) {
                try ImageProbe.inspect(withThumbnail.prefix(cut))
            }
        }
    }

    @Test func jpegWithoutScanOrWithBrokenMarkers() throws {
        let tablesOnly = Data([0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xD9])
        #expect(throws: ImageFileError.undecodable(reason: "JPEG ends before any image data")) {
            try ImageProbe.inspect(tablesOnly)
        }
        let garbage = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x41, 0x42])
        #expect(throws: ImageFileError.undecodable(reason: "corrupt JPEG marker structure")) {
            try ImageProbe.inspect(garbage)
        }
        let zeroLength = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xD9])
        #expect(throws: ImageFileError.undecodable(reason: "corrupt JPEG marker structure")) {
            try ImageProbe.inspect(zeroLength)
        }
    }

    // MARK: Other formats

    @Test func bmp() throws {
        #expect(try ImageProbe.inspect(InboxImageFixture.bmp(width: 40, height: 33)) == ImageInfo(format: "bmp", width: 40, height: 33))
        #expect(try ImageProbe.inspect(InboxImageFixture.bmp(width: 64, height: 48, topDown: true)).height == 48)
        let full = InboxImageFixture.bmp(width: 40, height: 40)
        for cut in [10, 30, full.count - 1] {
            #expect(throws: ImageFileError.truncatedImage(format: "bmp")) { try ImageProbe.inspect(full.prefix(cut)) }
        }
        #expect(throws: ImageFileError.absurdDimensions(width: 8, height: 8)) {
            try ImageProbe.inspect(InboxImageFixture.bmp(width: 8, height: 8))
        }
        #expect(throws: ImageFileError.notAnImage) { try ImageProbe.inspect(Data("BMW owners' club meeting notes".utf8)) }
    }

    @Test func webp() throws {
        let lossy = InboxImageFixture.webp(chunk: "VP8 ", payload: [0, 0, 0, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00])
        #expect(try ImageProbe.inspect(lossy) == ImageInfo(format: "webp", width: 320, height: 240))
        // VP8L: signature 0x2F, then 14-bit width-1 and height-1: 100 x 50.
        let bits: UInt32 = 99 | (49 << 14)
        let lossless = InboxImageFixture.webp(chunk: "VP8L", payload: [0x2F] + InboxImageFixture.littleEndian32(bits))
        #expect(try ImageProbe.inspect(lossless) == ImageInfo(format: "webp", width: 100, height: 50))
        let extended = InboxImageFixture.webp(chunk: "VP8X", payload: [0, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00])
        #expect(try ImageProbe.inspect(extended) == ImageInfo(format: "webp", width: 1920, height: 1080))
        #expect(throws: ImageFileError.truncatedImage(format: "webp")) { try ImageProbe.inspect(lossy.dropLast()) }
        #expect(throws: ImageFileError.truncatedImage(format: "webp")) { try ImageProbe.inspect(lossy.prefix(10)) }
        #expect(throws: ImageFileError.notAnImage) { try ImageProbe.inspect(Data("RIFF\u{4}\0\0\0WAVEfmt ".utf8)) }
    }

    @Test func tiff() throws {
        for bigEndian in [false, true] {
            let sized = InboxTiffFixture.build(bigEndian: bigEndian, ifd0: [(0x0100, .short(640)), (0x0101, .long(480))])
            #expect(try ImageProbe.inspect(sized) == ImageInfo(format: "tiff", width: 640, height: 480))
            let unsized = InboxTiffFixture.build(bigEndian: bigEndian, ifd0: [(0x0132, .ascii("2025:01:01 12:00:00"))])
            #expect(try ImageProbe.inspect(unsized) == ImageInfo(format: "tiff", width: nil, height: nil))
            #expect(throws: ImageFileError.truncatedImage(format: "tiff")) { try ImageProbe.inspect(sized.prefix(12)) }
        }
    }

    @Test func limitsDecodeWithDefaults() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(ImageLimits.self, from: Data("{}".utf8)) == .default)
        let custom = try decoder.decode(ImageLimits.self, from: Data(#"{"maxBytes": 5, "minSide": 1}"#.utf8))
        #expect(custom == ImageLimits(maxBytes: 5, minSide: 1))
        let roundTrip = try decoder.decode(ImageLimits.self, from: JSONEncoder().encode(custom))
        #expect(roundTrip == custom)
    }

    // MARK: Hostile input

    /// Mutated real files must produce a result or an `InboxError`, never a crash.
    @Test func mutatedImagesNeverCrash() throws {
        let seeds = [try Support.dataset(Support.patchJPEG), InboxImageFixture.bmp(width: 40, height: 40),
                     InboxImageFixture.webp(chunk: "VP8X", payload: [0, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00]),
                     InboxTiffFixture.build(bigEndian: true, ifd0: [(0x0100, .short(640)), (0x0101, .long(480))])]
        let png = try Support.dataset(Support.pklotPNG).prefix(4000) + Support.dataset(Support.pklotPNG).suffix(12)
        var generator = SeededGenerator(state: 42)
        for seed in seeds + [Data(png)] {
            for _ in 0..<400 {
                var bytes = [UInt8](seed)
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let index = Int.random(in: 0..<min(bytes.count, 600), using: &generator)
                    bytes[index] = [0x00, 0xFF, 0xD9, 0xDA, UInt8.random(in: 0...255, using: &generator)]
                        .randomElement(using: &generator)!
                }
                let cut = Int.random(in: 0...bytes.count, using: &generator)
                _ = try? ImageProbe.inspect(Data(bytes.prefix(cut)))
                _ = try? ImageProbe.inspect(Data(bytes))
            }
        }
    }
}
