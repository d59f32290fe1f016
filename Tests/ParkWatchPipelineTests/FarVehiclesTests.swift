import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision
import Synchronization
import Testing

/// The frame reader asks its detector for far vehicles (tiles whatever the frame's size) exactly
/// when the camera's layout has depth, on every path.
@Suite struct FarVehiclesTests {
    /// Records what each call asked for; finds nothing.
    final class Recorder: VehicleCounter {
        let asked = Mutex<[String]>([])

        func detect(_ image: Image) async throws -> Detections {
            asked.withLock { $0.append("plain") }
            return Detections(boxes: [], passes: 1)
        }

        func detect(_ image: Image, farVehicles: Bool) async throws -> Detections {
            asked.withLock { $0.append("all far=\(farVehicles)") }
            return Detections(boxes: [], passes: 1)
        }

        func detectWholeFrame(_ image: Image, farVehicles: Bool) async throws -> Detections {
            asked.withLock { $0.append("whole far=\(farVehicles)") }
            return Detections(boxes: [], passes: 1)
        }
    }

    func asked(_ options: FrameReader.Options, view: CameraView?) async throws -> [String] {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        var layout = frame.layout
        layout.view = view
        let recorder = Recorder()
        let reader = FrameReader(detector: recorder, spaces: try FrameReaderPathsTests.reader.get(), options: options)
        _ = try await reader.read(frame.image, camera: "cam", layout: layout, at: 0)
        return recorder.asked.withLock { $0 }
    }

    @Test func aViewWithDepthAsksForFarVehiclesOnEveryPath() async throws {
        // The dev camera's layout has depth by its spaces' sizes (spread 2.9).
        #expect(try await asked(.singleFrames, view: nil) == ["all far=true"])
        #expect(try await asked(.stream(.default), view: nil) == ["whole far=true"])
        #expect(try await asked(.singleFrames, view: .topDown) == ["all far=false"])
        #expect(try await asked(.stream(.default), view: .topDown) == ["whole far=false"])
    }
}
