import Foundation
import Testing
@testable import ParkWatchInbox
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport

/// A camera with a layout: every counted photo also yields a state per space, stored with it.
@Suite struct OccupancyPipelineTests {
    /// The PKLot frames' own XML gives the layout (and the truth to compare with).
    func fixtureWithLayout(overlays: Bool = true) throws -> PipelineFixture {
        let base = try PipelineFixture()
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        let layoutFile = base.folder.path("ufpr05.json")
        try LayoutImport.fromPKLot(xml).layout.write(to: layoutFile)
        var settings = base.settings
        settings.layouts = ["cam1": layoutFile.path]
        settings.classifier = TestResources.classifier
        settings.overlays = overlays
        return PipelineFixture(folder: base.folder, settings: settings)
    }

    @Test func eachPhotoStoresCountsFreeIdsAndRawStatesWithAnOverlay() async throws {
        let fixture = try fixtureWithLayout()
        let processor = try fixture.processor()
        var readings: [SpaceReadingRecord] = []
        for frame in TestResources.pklotDay1 {
            let processed = try #require(try await processor.process(try fixture.drop(frame)))
            #expect(processed.spaces?.count == 40)
            readings.append(try #require(try await fixture.store().spaceReading(photoID: processed.record.id!)))
        }
        for reading in readings {
            #expect(reading.total == 40 && reading.occupied + reading.free + reading.unknown == 40)
            #expect(reading.rawStates.count == 40 && reading.rawConfidence.count == 40)
            let freeIDs = try JSONDecoder().decode([String].self, from: Data(reading.freeSpaces.utf8))
            #expect(freeIDs.count == reading.free)
            let overlay = try #require(reading.overlayPath)
            #expect(overlay.hasSuffix(".overlay.png") && FileManager.default.fileExists(atPath: overlay))
        }
        // The lot fills up over the morning (2 → 12 of 40 taken): the confirmed count follows.
        #expect(readings.last!.occupied > readings.first!.occupied)
        #expect(try await fixture.store().spaceChanges(camera: "cam1").count >= 40)
    }

    /// The day0 frames are an empty Sunday lot in which the classifier alone calls five stains
    /// and shadows cars (model card). No vehicle box stands in those spaces, so the service reads
    /// every space of every frame free.
    @Test func anEmptyLotsStainsWithoutABoxAreReadFree() async throws {
        let fixture = try fixtureWithLayout(overlays: false)
        let processor = try fixture.processor()
        var notFree: [String] = []
        for frame in TestResources.pklotDay0 {
            let processed = try #require(try await processor.process(try fixture.drop(frame)))
            notFree += try #require(processed.spaces).filter { $0.state != .free }.map { "\(frame.lastPathComponent) \($0.spaceID)" }
        }
        #expect(notFree.isEmpty, "\(notFree)")
    }

    /// A layout with its reference photo: each photo's row says how far the view had moved, and
    /// a photo of another scene stores every space unknown with -1, while its vehicles still count.
    @Test func eachPhotoSaysWhereItsViewStoodAgainstTheReference() async throws {
        let base = try fixtureWithLayout()
        let drawnOn = try #require(TestResources.pklotDay1.first)
        var layout = try LotLayout.load(URL(fileURLWithPath: try #require(base.settings.layouts["cam1"])))
        layout.reference = drawnOn.path
        try layout.write(to: URL(fileURLWithPath: base.settings.layouts["cam1"]!))
        let processor = try base.processor()
        let last = try #require(TestResources.pklotDay1.last)
        let inPlace = try #require(try await processor.process(try base.drop(last)))
        #expect(try (0..<10).contains(#require(inPlace.record.viewShiftPx)))
        #expect(inPlace.spaces?.contains { $0.state == .unknown } == false)
        let elsewhere = try #require(try await processor.process(try base.drop(TestResources.dataset("seed-lot/mask_1920_1080.png"))))
        #expect(elsewhere.record.viewShiftPx == -1 && elsewhere.record.status == .ok)
        #expect(elsewhere.spaces?.count == 40 && elsewhere.spaces?.allSatisfy { $0.state == .unknown } == true)
        let stored = try await base.store().photos(sha256: try #require(elsewhere.record.sha256))
        #expect(stored.first?.viewShiftPx == -1)
        // Its overlay has a banner and no outlines: they would stand on something that is not the lot.
        let id = try #require(elsewhere.record.id)
        let overlay = try #require(try await base.store().spaceReading(photoID: id)?.overlayPath)
        #expect(FileManager.default.fileExists(atPath: overlay))
    }

    @Test func aCameraWithoutALayoutGetsCountsOnly() async throws {
        let fixture = try fixtureWithLayout(overlays: false)
        let frame = try #require(TestResources.pklotDay1.first)
        let processed = try #require(try await fixture.processor().process(try fixture.drop(frame, camera: "cam2")))
        #expect(processed.spaces == nil && processed.record.vehicles != nil)
        #expect(try await fixture.store().spaceReading(photoID: processed.record.id!) == nil)
    }
}
