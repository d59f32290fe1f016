import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing
@testable import ParkWatchSpaces

@Suite("Overlay images")
struct OverlayTests {
    /// A real PKLot frame with its XML spaces coloured by the XML's labels.
    private func pklotFrame() throws -> (Image, LotLayout, [OverlaySpace], String) {
        let frame = try #require(TestResources.pklotDay1.last)
        let (layout, occupied) = try LayoutImport.fromPKLot(frame.deletingPathExtension().appendingPathExtension("xml"))
        let image = try Image(contentsOfFile: frame.path)
        let spaces = layout.spaces.map { space in
            OverlaySpace(polygon: space.polygon, state: occupied[space.id] == true ? .occupied : .free, label: space.id)
        }
        let free = spaces.filter { $0.state == .free }.count
        return (image, layout, spaces, "free \(free) / \(spaces.count)")
    }

    /// How much greener than red and blue a space's crop is, on average.
    private func greenness(_ image: Image, _ space: ParkingSpace) throws -> Double {
        let mean = try SpaceCropper().crop(image, space: space).meanColour
        return mean.green - (mean.red + mean.blue) / 2
    }

    @Test func pklotOverlayIsAReadablePNGOfTheSameSize() throws {
        let (image, layout, spaces, banner) = try pklotFrame()
        let folder = try TemporaryFolder("overlay")
        let url = folder.path("overlay.png")
        try OverlayRenderer.render(image, spaces: spaces, banner: banner, to: url)
        // Atomic write: only the finished file is left in the folder.
        #expect(folder.files() == ["overlay.png"])
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let drawn = try Image(decoding: data)
        #expect(drawn.width == image.width && drawn.height == image.height)
        let freeSpace = try #require(zip(layout.spaces, spaces).first { $0.1.state == .free }?.0)
        let takenSpace = try #require(zip(layout.spaces, spaces).first { $0.1.state == .occupied }?.0)
        #expect(try greenness(drawn, freeSpace) > greenness(image, freeSpace) + 20)
        #expect(try greenness(drawn, takenSpace) < greenness(image, takenSpace) - 20)
        // For a human to look at: PARKWATCH_OVERLAY_CHECK=/tmp/overlay-check.png swift test --filter Overlay
        if let check = ProcessInfo.processInfo.environment["PARKWATCH_OVERLAY_CHECK"] {
            try OverlayRenderer.render(image, spaces: spaces, banner: banner, to: URL(fileURLWithPath: check))
        }
    }

    @Test func jpegByExtensionAndUnknownState() throws {
        let (image, _, spaces, _) = try pklotFrame()
        let folder = try TemporaryFolder("overlay")
        let url = folder.path("overlay.JPG")
        let greyed = spaces.map { OverlaySpace(polygon: $0.polygon, state: .unknown, label: $0.label) }
        try OverlayRenderer.render(image, spaces: greyed, banner: "free ? / 40", to: url)
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: [0xFF, 0xD8]))
        #expect(try Image(decoding: data).width == 1280)
    }

    @Test func writingIntoAMissingFolderFails() throws {
        let (image, _, spaces, banner) = try pklotFrame()
        let url = URL(fileURLWithPath: "/nonexistent-parkwatch/overlay.png")
        let error = try #require(throws: SpacesError.self) { try OverlayRenderer.render(image, spaces: spaces, banner: banner, to: url) }
        guard case .overlayWriteFailed(let path, _) = error else { Issue.record("got \(error)"); return }
        #expect(path == url.path)
    }

    @Test func maskLayoutOverlayOnTheMaskItself() throws {
        let mask = TestResources.dataset("seed-lot/mask_crop.png")
        let layout = try LayoutImport.fromMask(mask)
        let spaces = layout.spaces.map { OverlaySpace(polygon: $0.polygon, state: Int($0.id)! % 3 == 0 ? .occupied : .free, label: $0.id) }
        let data = try OverlayRenderer.encoded(try Image(contentsOfFile: mask.path), spaces: spaces, banner: "free 10 / 14")
        #expect(try Image(decoding: data).width == 381)
    }

    /// A label too large for its space is left out, so a far row's spaces show their colour; the
    /// same frame's full-size spaces keep theirs.
    @Test func spacesTooSmallForALabelShowTheirColourAlone() throws {
        let (image, _, spaces, _) = try pklotFrame()
        let small = spaces.map { space in
            let centre = PolygonGeometry.centroid(space.polygon)
            let shrunk = space.polygon.map { Point(x: centre.x + ($0.x - centre.x) * 0.1, y: centre.y + ($0.y - centre.y) * 0.1) }
            return OverlaySpace(polygon: shrunk, state: space.state, label: "2_\(space.label)")
        }
        let unlabelled = { (spaces: [OverlaySpace]) in spaces.map { OverlaySpace(polygon: $0.polygon, state: $0.state, label: "") } }
        let drawn = { (spaces: [OverlaySpace]) in try OverlayRenderer.encoded(image, spaces: spaces, banner: "") }
        #expect(try drawn(small) == drawn(unlabelled(small)))
        #expect(try drawn(spaces) != drawn(unlabelled(spaces)))
    }

    /// Space 1 of the seed's mask touches the top-left corner, where the banner used to hide its label.
    @Test func bannerTakesACornerClearOfEverySpace() throws {
        let mask = TestResources.dataset("seed-lot/mask_crop.png")
        let layout = try LayoutImport.fromMask(mask)
        let image = try Image(contentsOfFile: mask.path)
        let spaces = layout.spaces.map { OverlaySpace(polygon: $0.polygon, state: .free, label: $0.id) }
        let plain = try Image(decoding: OverlayRenderer.encoded(image, spaces: spaces, banner: ""))
        let bannered = try Image(decoding: OverlayRenderer.encoded(image, spaces: spaces, banner: "free 14 / 14"))
        let cropper = SpaceCropper()
        for space in layout.spaces {
            let (a, b) = (try cropper.crop(plain, space: space).meanColour, try cropper.crop(bannered, space: space).meanColour)
            #expect(abs(a.green - b.green) < 0.5 && abs(a.red - b.red) < 0.5, "space \(space.id) covered by the banner")
        }
        let whole = ParkingSpace(id: "frame", polygon: [
            Point(x: 0, y: 0), Point(x: Double(image.width - 1), y: 0),
            Point(x: Double(image.width - 1), y: Double(image.height - 1)), Point(x: 0, y: Double(image.height - 1)),
        ])
        #expect(try cropper.crop(plain, space: whole).meanColour.green != cropper.crop(bannered, space: whole).meanColour.green)
    }
}
