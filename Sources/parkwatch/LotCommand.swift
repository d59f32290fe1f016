import ArgumentParser
import Foundation
import ParkWatchSpaces
import ParkWatchVision

struct LotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lot", abstract: "Make and check parking-lot layouts.",
        subcommands: [LotImportCommand.self, LotShowCommand.self, LotProposeCommand.self])
}

struct LotImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Make a layout JSON from a mask image or a PKLot XML file.")

    @Option(name: .customLong("from-mask"), help: "Mask image whose white connected components are the spaces.")
    var mask: String?

    @Option(name: .customLong("from-pklot"), help: "PKLot XML file (<space id><contour><point x y/>…).")
    var pklot: String?

    @Option(help: "Layout JSON to write.")
    var out: String

    @Option(help: "Lot id to record in the layout.")
    var lot: String?

    @Option(help: """
        The photo the spaces were drawn on; frames are registered against it so the spaces follow \
        a camera that moved. Recorded as an absolute path (and, for PKLot XML, its size).
        """)
    var reference: String?

    func validate() throws {
        if (mask == nil) == (pklot == nil) { throw ValidationError("give exactly one of --from-mask or --from-pklot") }
        if let reference, !FileManager.default.isReadableFile(atPath: reference) {
            throw ValidationError("--reference \(reference) is not a readable file")
        }
    }

    func run() throws {
        var (layout, clipped) = try importedLayout()
        if let lot { layout.lot = lot }
        layout.reference = reference.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        try layout.write(to: URL(fileURLWithPath: out))
        let size = layout.imageWidth.flatMap { width in layout.imageHeight.map { " drawn for \(width)x\($0)" } } ?? ""
        let edge = clipped.isEmpty ? "" : " (\(clipped.count) clipped to the frame's edge: \(clipped.joined(separator: ", ")))"
        print("\(out): \(layout.spaces.count) spaces\(size)\(edge)")
    }

    /// PKLot files do not say their frame's size; without it the spaces would not scale to the
    /// camera's frames at another size (a stream's second profile, a resized copy). A mask keeps its own.
    private func importedLayout() throws -> (LotLayout, clipped: [String]) {
        if let mask { return (try LayoutImport.fromMask(URL(fileURLWithPath: mask)), []) }
        let xml = URL(fileURLWithPath: pklot ?? "")
        guard let photo = reference.map({ URL(fileURLWithPath: $0) }) ?? LayoutImport.frame(labelledBy: xml) else {
            return (try LayoutImport.fromPKLot(xml).layout, [])
        }
        return try LayoutImport.fromPKLot(xml, labelling: photo)
    }
}

struct LotShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Draw a layout over a photo, to check it by eye.")

    @Argument(help: "Layout JSON.")
    var layout: String

    @Option(help: "Photo of the lot.")
    var image: String

    @Option(help: "PNG (or .jpg) to write.")
    var out: String

    func run() throws {
        let photo = try Image(contentsOfFile: image)
        let resolved = try LotLayout.load(URL(fileURLWithPath: layout)).resolved(width: photo.width, height: photo.height)
        let spaces = resolved.spaces.map { OverlaySpace(polygon: $0.polygon, state: .unknown, label: $0.id) }
        try OverlayRenderer.render(photo, spaces: spaces, banner: "\(spaces.count) spaces", to: URL(fileURLWithPath: out))
        print("\(out): \(spaces.count) spaces drawn")
    }
}
