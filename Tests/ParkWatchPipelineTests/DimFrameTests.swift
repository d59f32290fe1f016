import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// A dim frame (a dev frame darkened as dusk darkens it) is lifted before it is read: its spaces
/// read as the lit frame's, where unlifted most would be unknown ("too dark"), and the detector
/// counts the lit frame's cars, where unlifted it misses most dark ones. A fogged frame is
/// stretched, and reads as the clear one; a lamp-lit one is lifted more where it is dark. Real detector, real classifier, the PKLot labels.
@Suite(.serialized) struct DimFrameTests {
    func read(_ image: Image, layout: LotLayout, light: FrameLight) async throws -> FrameReading {
        let reader = FrameReader(
            detector: try FrameReaderPathsTests.detector.get(), spaces: try FrameReaderPathsTests.reader.get(),
            options: .singleFrames, light: light)
        return try await reader.read(image, camera: "cam", layout: layout)
    }

    @Test func aDimFrameReadsAsTheLitOne() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let dim = try frame.image.withGamma(3)
        var never = FrameLight()
        never.dimMedian = 0
        never.flatSpread = 0

        let lit = try await read(frame.image, layout: frame.layout, light: FrameLight())
        let lifted = try await read(dim, layout: frame.layout, light: FrameLight())
        let unlifted = try await read(dim, layout: frame.layout, light: never)

        #expect(lit.adjustment == nil && lifted.adjustment?.gamma != nil && unlifted.adjustment == nil)
        let wrong = { (reading: FrameReading) in
            reading.decisions.filter { decision in
                decision.state != (frame.truth[decision.spaceID] == true ? SpaceState.occupied : .free)
            }.count
        }
        let unknown = { (reading: FrameReading) in reading.decisions.filter { $0.state == .unknown }.count }
        #expect(wrong(lit) == 0)
        #expect(wrong(lifted) <= 1 && unknown(lifted) == 0, "\(wrong(lifted)) wrong")
        #expect(unknown(unlifted) >= 20, "\(unknown(unlifted)) unknown unlifted")
        // The detector too: 13 cars lit and lifted, 5 in the dim frame as it is.
        let counts = (lit.vehicles ?? 0, lifted.vehicles ?? 0, unlifted.vehicles ?? 0)
        #expect(counts.1 == counts.0 && counts.2 < counts.0 - 4, "\(counts)")
    }

    /// `light_correction: false` for one camera: its dim frame is read as taken, another camera's lifted.
    @Test func aCameraWithoutLightCorrectionReadsItsFramesAsTaken() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let reader = FrameReader(
            detector: try FrameReaderPathsTests.detector.get(), spaces: try FrameReaderPathsTests.reader.get(),
            options: .singleFrames, cameraLights: ["ir": .off])
        let dim = try frame.image.withGamma(3)
        let lifted = try await reader.read(dim, camera: "cam", layout: frame.layout)
        let asTaken = try await reader.read(dim, camera: "ir", layout: frame.layout)
        #expect(lifted.adjustment?.gamma != nil && asTaken.adjustment == nil)
        #expect(asTaken.decisions.filter { $0.state == .unknown }.count >= 20)
    }

    @Test func aFoggedFrameReadsAsTheClearOne() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let fog = try frame.image.mapped(by: Fog.thick)
        var never = FrameLight()
        never.flatSpread = 0

        let clear = try await read(frame.image, layout: frame.layout, light: FrameLight())
        let stretched = try await read(fog, layout: frame.layout, light: FrameLight())
        let asTaken = try await read(fog, layout: frame.layout, light: never)

        #expect(stretched.adjustment?.contrastGain != nil && stretched.adjustment?.gamma == nil && asTaken.adjustment == nil)
        let wrong = { (reading: FrameReading) in
            reading.decisions.filter { $0.state != (frame.truth[$0.spaceID] == true ? SpaceState.occupied : .free) }.count
        }
        #expect(wrong(stretched) <= 1 && wrong(asTaken) >= 3, "\(wrong(stretched)) wrong stretched, \(wrong(asTaken)) as taken")
        // 13 cars clear and stretched, 6 in the fog as it is.
        let counts = (clear.vehicles ?? 0, stretched.vehicles ?? 0, asTaken.vehicles ?? 0)
        #expect(counts.1 == counts.0 && counts.2 < counts.0 - 4, "\(counts)")
    }

    /// Lamps over the right quarter: the rest of the lot is near black (levels to the power 8),
    /// the frame dim. Its own lift leaves most spaces "too dark"; the grid lifts them more.
    @Test func aLotLitByLampsIsLiftedWhereItIsDark() async throws {
        let frame = try #require(await FrameReaderPathsTests.frames().last)
        let lamps = try frame.image.withGammas([8, 8, 8, 1, 8, 8, 8, 1], columns: 4)
        var frameOnly = FrameLight()
        frameOnly.localColumns = 0
        let local = try await read(lamps, layout: frame.layout, light: FrameLight())
        let own = try await read(lamps, layout: frame.layout, light: frameOnly)

        #expect(local.adjustment?.liftedLocally == true && own.adjustment?.liftedLocally == false)
        let wrong = { (reading: FrameReading) in
            reading.decisions.filter { $0.state != (frame.truth[$0.spaceID] == true ? SpaceState.occupied : .free) }.count
        }
        let unknown = { (reading: FrameReading) in reading.decisions.filter { $0.state == .unknown }.count }
        #expect(unknown(local) == 0 && unknown(own) >= 10, "unknown \(unknown(local)) lifted locally, \(unknown(own)) not")
        #expect(wrong(local) * 2 < wrong(own), "wrong \(wrong(local)) lifted locally, \(wrong(own)) not")
    }
}
