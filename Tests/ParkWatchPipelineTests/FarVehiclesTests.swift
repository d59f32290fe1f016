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

        func detect(_ image: Image, farVehicles: Bool, spaces: [PixelRect], vehicleSides: [Double]) async throws -> Detections {
            asked.withLock { $0.append("all far=\(farVehicles) spaces=\(spaces.count) sides=\(vehicleSides.count)") }
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
        // A full look also gets the spaces, to look at far ones through a finer grid; top-down, none.
        #expect(try await asked(.singleFrames, view: nil) == ["all far=true spaces=40 sides=40"])
        #expect(try await asked(.stream(.default), view: nil) == ["whole far=true"])
        #expect(try await asked(.singleFrames, view: .topDown) == ["all far=false spaces=0 sides=0"])
        #expect(try await asked(.stream(.default), view: .topDown) == ["whole far=false"])
    }
}

/// A gated frame's closer look is told how large a vehicle would be in each area it looks at, from
/// the space's size, so the detector can look at far spaces through a finer grid.
@Suite struct CloserLookSizesTests {
    /// A whole-frame look that finds nothing and leaves the tiles to run; records each closer look's
    /// areas and vehicle sizes.
    final class Recorder: VehicleCounter {
        let looks = Mutex<[(areas: [PixelRect], sides: [Double])]>([])

        func detect(_ image: Image) async throws -> Detections { Detections(boxes: [], passes: 13) }

        func detectWholeFrame(_ image: Image, farVehicles: Bool) async throws -> Detections {
            Detections(boxes: [], passes: 1, examined: [], wholeFrame: [])
        }

        func detect(
            _ image: Image, around areas: [PixelRect], after first: Detections, limit: Int?, waiting: Int, farVehicles: Bool,
            vehicleSides: [Double]
        ) async throws -> Detections {
            looks.withLock { $0.append((areas, vehicleSides)) }
            return Detections(boxes: [], passes: 1 + areas.count, examined: areas, wholeFrame: [])
        }
    }

    @Test func eachAreaComesWithItsVehicleSizeSmallerWhereTheSpaceIsSmaller() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)  // 07:15: cars the empty whole frame misses
        let recorder = Recorder()
        let reader = FrameReader(detector: recorder, spaces: try FrameReaderPathsTests.reader.get(), options: .stream(.default))
        _ = try await reader.read(frame.image, camera: "cam", layout: frame.layout, at: 0)
        let look = try #require(recorder.looks.withLock { $0 }.first)
        #expect(look.areas.count >= 5 && look.sides.count == look.areas.count)
        let bySize = zip(look.areas, look.sides).sorted { $0.0.width * $0.0.height < $1.0.width * $1.0.height }.map(\.1)
        #expect(bySize == bySize.sorted() && bySize.first! < bySize.last! && bySize.first! > 0)
    }
}
