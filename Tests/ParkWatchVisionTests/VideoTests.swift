import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// VideoCapture and VideoWriter through the shim, on the seed video (380x452, 30 fps, 849 frames).
@Suite("Video files")
struct VideoTests {
    private let seed = TestResources.dataset("seed-lot/parking_crop.mp4").path

    @Test func opensTheSeedVideoAndReportsItsShape() throws {
        let video = try VideoSource(opening: seed)
        #expect(video.width == 380 && video.height == 452)
        #expect(abs(video.framesPerSecond - 30) < 0.01)
        #expect(video.frameCount == 849)
        let frame = try video.read()
        #expect(frame.width == 380 && frame.height == 452)
    }

    @Test func readsEveryFrameThenReportsTheEnd() throws {
        let video = try VideoSource(opening: seed)
        var frames = 0
        while try video.grabIfAny() { frames += 1 }
        #expect(frames == 849)
        #expect(throws: VisionError.videoEnded(source: seed)) { try video.grab() }
    }

    @Test func seeksByTimeAndReportsFrameTimestamps() throws {
        let video = try VideoSource(opening: seed)
        try video.seek(to: .seconds(10))
        try video.grab()
        let ms = video.position.inMilliseconds
        // The frame at (or the first after) 10 s; one frame lasts 33.3 ms.
        #expect(ms >= 9_990 && ms < 10_100, "position \(ms) ms")
    }

    @Test func aMissingFileFailsToOpenWithItsName() {
        let error = #expect(throws: VisionError.self) { try VideoSource(opening: "/nonexistent/video.mp4") }
        guard case .videoOpenFailed(let source, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(source == "/nonexistent/video.mp4")
    }

    @Test func aRefusedStreamFailsWithinItsOpenTimeout() {
        // Port 9 (discard) is closed on a test machine: the connection is refused at once.
        #expect(throws: VisionError.self) {
            try VideoSource(opening: "http://127.0.0.1:9/stream", openTimeout: .seconds(2), readTimeout: .seconds(2))
        }
    }

    @Test func writtenFramesReadBackWithTheirSize() throws {
        let folder = try TemporaryFolder("video")
        let path = folder.path("copy.mp4").path
        let video = try VideoSource(opening: seed)
        let writer = try VideoWriter(path: path, width: video.width, height: video.height, framesPerSecond: 30)
        for _ in 0..<15 { try writer.write(try video.read()) }
        writer.close()
        #expect(throws: VisionError.self) { try writer.write(try video.read()) }
        let copy = try VideoSource(opening: path)
        #expect(copy.width == 380 && copy.height == 452)
        #expect(copy.frameCount == 15)
    }

    @Test func aFrameOfTheWrongSizeIsRefused() throws {
        let folder = try TemporaryFolder("video")
        let writer = try VideoWriter(path: folder.path("small.mp4").path, width: 64, height: 64, framesPerSecond: 10)
        let frame = try VideoSource(opening: seed).read()
        #expect(throws: VisionError.self) { try writer.write(frame) }
    }

    /// The same frames in the other containers cameras and recorders write, remuxed by Debian's ffmpeg.
    @Test(arguments: ["mkv", "avi"])
    func readsOtherContainers(_ container: String) throws {
        let ffmpeg = try #require(["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "Debian's ffmpeg is required (scripts/setup.sh installs it)")
        let folder = try TemporaryFolder("video")
        let path = folder.path("seed.\(container)").path
        let remux = Process()
        remux.executableURL = URL(fileURLWithPath: ffmpeg)
        remux.arguments = ["-nostdin", "-loglevel", "error", "-y", "-i", seed, "-c", "copy", path]
        remux.standardInput = FileHandle.nullDevice
        remux.standardOutput = FileHandle.nullDevice
        remux.standardError = FileHandle.nullDevice
        try remux.run()
        remux.waitUntilExit()
        try #require(remux.terminationStatus == 0)
        let video = try VideoSource(opening: path)
        #expect(video.width == 380 && video.height == 452)
        var frames = 0
        while try video.grabIfAny() { frames += 1 }
        #expect(frames == 849)
    }
}
