import Foundation
import Testing
import ParkWatchVision

@Suite("Image decoding")
struct ImageTests {
    private let png = Fixtures.frames(day: "day1", extension: "png").first
    private let jpeg = Fixtures.frames(day: "day0", extension: "jpg").first

    @Test func decodesARealPNG() throws {
        let image = try Image(contentsOfFile: try #require(png).path)
        #expect(image.width == 1280 && image.height == 720)
    }

    @Test func decodesARealJPEGOffTheCooperativePool() async throws {
        let image = try await Image.decode(try Fixtures.data(try #require(jpeg)))
        #expect(image.width == 1280 && image.height == 720)
    }

    @Test func resizesToTheAskedSizeAndRejectsAnEmptyOne() throws {
        let image = try Image(contentsOfFile: try #require(png).path).resized(width: 640, height: 360)
        #expect(image.width == 640 && image.height == 360)
        #expect(throws: VisionError.self) { try image.resized(width: 0, height: 360) }
    }

    @Test func garbageBytesThrow() {
        let garbage = Data("this is a parking ticket, not a photograph".utf8)
        #expect(throws: VisionError.self) { try Image(decoding: garbage) }
    }

    @Test func emptyDataThrows() {
        #expect(throws: VisionError.imageDecodeFailed(reason: "no bytes to decode")) { try Image(decoding: Data()) }
    }

    @Test func missingFileThrowsImageReadFailed() {
        let error = #expect(throws: VisionError.self) { try Image(contentsOfFile: "/nonexistent/frame.png") }
        guard case .imageReadFailed(let path, _) = error else {
            Issue.record("expected imageReadFailed, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/frame.png")
    }

    /// OpenCV 4.6's libjpeg reader only warns ("Premature end of JPEG file") and returns the full-size
    /// image with the missing part filled in, as long as the headers and some scan data survive.
    /// So truncation is not detected here; the inbox checks for the JPEG end marker before decoding.
    @Test func truncatedJPEGIsAcceptedByOpenCV() throws {
        let whole = try Fixtures.data(try #require(jpeg))
        let image = try Image(decoding: whole.prefix(whole.count / 2))
        #expect(image.width == 1280 && image.height == 720)
    }

    /// Cut inside the headers, before any scan data, the JPEG reader does fail.
    @Test func jpegCutInsideItsHeadersThrows() throws {
        let whole = try Fixtures.data(try #require(jpeg))
        #expect(throws: VisionError.self) { try Image(decoding: whole.prefix(300)) }
    }

    /// libpng, unlike libjpeg, treats a missing end as an error.
    @Test func truncatedPNGThrows() throws {
        let whole = try Fixtures.data(try #require(png))
        #expect(throws: VisionError.self) { try Image(decoding: whole.prefix(whole.count / 2)) }
    }

    @Test func decodeErrorsReadAsOneLine() {
        let error = VisionError.imageDecodeFailed(reason: "no bytes to decode")
        #expect(error.description == "image could not be decoded: no bytes to decode")
        #expect(!error.description.contains("\n"))
    }
}
