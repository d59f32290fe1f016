import ArgumentParser
import Foundation
import ParkWatchImageFiles
import ParkWatchSpaces
import ParkWatchStore

struct LotProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Propose a layout from where vehicles stood in a camera's photos (a day of them is enough).",
        discussion: """
            Vehicles found in the same place in at least --min-photos photos are parked; each such \
            place becomes a space outlined by its median box. Check the result with `lot show` and \
            edit it before use: a lamp or a car parked for the whole day off the marked spaces is \
            proposed too, and a space no vehicle used is not.
            """)

    /// `--camera` names the camera whose stored photos to read, within `--from` and `--to`.
    @OptionGroup var window: WindowOptions

    @OptionGroup var database: DatabaseOption

    @Option(help: "Folder of photos to read instead of a camera's stored ones.")
    var photos: String?

    @Option(help: "Layout JSON to write.")
    var out: String

    @Option(help: "Lot id to record in the layout.")
    var lot: String?

    @Option(name: .customLong("min-photos"), help: "Photos a vehicle must stand in one place in to make a space.")
    var minimumPhotos = 2

    @Option(help: "A drawn layout (JSON) or PKLot XML to compare the proposal with.")
    var against: String?

    @Flag(help: "Print a JSON summary.")
    var json = false

    @OptionGroup var detection: DetectorOptions

    func validate() throws {
        if (window.camera == nil) == (photos == nil) { throw ValidationError("give exactly one of --camera or --photos") }
        if minimumPhotos < 1 { throw ValidationError("--min-photos must be 1 or more") }
    }

    func run() async throws {
        let files = try await photoFiles()
        var proposer = SpaceProposer()
        proposer.settings.minimumPhotos = minimumPhotos
        let proposal = try await proposer.propose(from: files, detector: try detection.detector(), lot: lot)
        try proposal.layout.write(to: URL(fileURLWithPath: out))
        let comparison = try against.map { LayoutComparison(proposed: proposal.layout.spaces, drawn: try Self.drawn($0)) }
        let summary = ProposalSummary(proposal, out: out, comparison: comparison)
        if json { try JSONOutput.print(summary) } else { summary.show() }
    }

    /// The folder's images, or the camera's counted photos that are still in the archive.
    private func photoFiles() async throws -> [URL] {
        if let photos { return ImageFolder.images(under: URL(fileURLWithPath: photos)) }
        var filter = window.filter
        filter.status = .ok
        let stored = try await database.openExisting().photos(matching: filter)
        return stored.filter { $0.filed && FileManager.default.fileExists(atPath: $0.archivedPath) }.map { URL(fileURLWithPath: $0.archivedPath) }
    }

    private static func drawn(_ path: String) throws -> [ParkingSpace] {
        let url = URL(fileURLWithPath: path)
        return url.pathExtension.lowercased() == "xml" ? try LayoutImport.readPKLot(url).layout.spaces : try LotLayout.load(url).spaces
    }
}

/// What `lot propose` prints: `{"photos","skipped":[{"file","reason"}],"spaces":[{"id","photos"}],"out","comparison"}`.
struct ProposalSummary: Encodable {
    struct Skipped: Encodable {
        var file: String
        var reason: String
    }

    struct Space: Encodable {
        var id: String
        var photos: Int
    }

    var photos: Int
    var skipped: [Skipped]
    var spaces: [Space]
    var out: String
    var comparison: LayoutComparison?

    init(_ proposal: LayoutProposal, out: String, comparison: LayoutComparison?) {
        photos = proposal.photosRead
        skipped = proposal.skipped.map { Skipped(file: $0.file, reason: $0.reason) }
        spaces = proposal.proposals.map { Space(id: $0.space.id, photos: $0.photos) }
        self.out = out
        self.comparison = comparison
    }

    func show() {
        for item in skipped { print("skipped \(item.file): \(item.reason)") }
        print("\(out): \(spaces.count) spaces proposed from \(photos) photos")
        if let comparison {
            print("\(comparison.found.count) of \(comparison.spaces) drawn spaces found (IoU >= \(comparison.threshold)); "
                + "\(comparison.notSpaces.count) proposals are not spaces\(comparison.notSpaces.isEmpty ? "" : ": " + comparison.notSpaces.joined(separator: ", "))")
        }
    }
}
