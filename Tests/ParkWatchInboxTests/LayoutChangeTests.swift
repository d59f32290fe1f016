import Foundation
import Logging
import ParkWatchInbox
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// A layout file changed while the service runs: the camera's next photo is read with the new
/// spaces; a change that does not load leaves the last good layout in use.
@Suite struct LayoutChangeTests {
    func fixture() throws -> (PipelineFixture, URL, LotLayout) {
        let base = try PipelineFixture()
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        let layoutFile = base.folder.path("ufpr05.json")
        let layout = try LayoutImport.fromPKLot(xml).layout
        try layout.write(to: layoutFile)
        var settings = base.settings
        settings.layouts = ["cam1": layoutFile.path]
        settings.classifier = TestResources.classifier
        settings.overlays = false
        return (PipelineFixture(folder: base.folder, settings: settings), layoutFile, layout)
    }

    @Test func theNextPhotoIsReadWithTheEditedLayout() async throws {
        let (fixture, file, layout) = try fixture()
        let processor = try fixture.processor()
        let frames = TestResources.pklotDay1
        try #require(frames.count == 5)
        #expect(try await processor.process(try fixture.drop(frames[0]))?.spaces?.count == 40)

        var edited = layout
        edited.spaces = Array(layout.spaces.prefix(3))
        try edited.write(to: file)
        let afterEdit = try #require(try await processor.process(try fixture.drop(frames[1])))
        #expect(afterEdit.spaces?.map(\.spaceID) == layout.spaces.prefix(3).map(\.id))
        let id = try #require(afterEdit.record.id)
        let stored = try #require(try await fixture.store().spaceReading(photoID: id))
        #expect(stored.total == 3)

        try Data("{\"spaces\": [".utf8).write(to: file)  // half-written by hand
        #expect(try await processor.process(try fixture.drop(frames[2]))?.spaces?.count == 3)
    }

    @Test func aBrokenChangeIsLoggedOnceAndTheLastGoodLayoutStays() throws {
        let (fixture, file, layout) = try fixture()
        let log = CapturedLog()
        let layouts = try CameraLayouts(files: fixture.settings.layouts, logger: log.logger)
        #expect(layouts["cam1"] == layout && layouts["cam2"] == nil)
        try Data("not json".utf8).write(to: file)
        #expect(layouts["cam1"] == layout)
        #expect(layouts["cam1"] == layout)
        let refused = log.all.filter { $0.message.hasPrefix("layout changed but does not load") }
        #expect(refused.count == 1 && refused.first?.metadata["camera"] == "cam1")
        var fewer = layout
        fewer.spaces.removeLast()
        try fewer.write(to: file)
        #expect(layouts["cam1"]?.spaces.count == 39)
        #expect(log.all.contains { $0.message == "layout changed: read again" && $0.metadata["spaces"] == "39" })
    }
}
