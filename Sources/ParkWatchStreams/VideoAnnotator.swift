import Foundation
import ParkWatchOccupancy
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision

/// The seed's picture of a video: each frame with its spaces filled green (free) or red
/// (occupied) and the free count on top, written as a new video. Spaces go through the same
/// gated analysis and the same anti-flicker tracker as stored readings, kept in memory.
package struct VideoAnnotator {
    package struct Summary: Sendable, Equatable {
        package var frames: Int
        package var classifications: Int
        package var skipped: Int
        package var lastFree: Int
        package var total: Int
    }

    let reader: FrameReader
    let layout: LotLayout
    let settings: SpaceDecisionSettings

    package init(reader: FrameReader, layout: LotLayout, settings: SpaceDecisionSettings) {
        self.reader = reader
        self.layout = layout
        self.settings = settings
    }

    package func annotate(_ input: String, to output: String) async throws -> Summary {
        let video = try VideoSource(opening: input)
        let fps = video.framesPerSecond > 0 ? video.framesPerSecond : 25
        let writer = try VideoWriter(path: output, width: video.width, height: video.height, framesPerSecond: fps)
        defer { writer.close() }
        var tracks: [String: SpaceTrack] = [:]
        var summary = Summary(frames: 0, classifications: 0, skipped: 0, lastFree: 0, total: 0)
        let origin = Date(timeIntervalSince1970: 0)
        while true {
            guard try video.grabIfAny() else { break }
            let time = video.position.inSeconds
            let image = try video.retrieve()
            let analysis = try await reader.read(image, camera: "annotate", layout: layout, at: time)
            tracks = SpaceTracker.advance(tracks, with: analysis.decisions, at: origin.addingTimeInterval(time), settings: settings).tracks
            let spaces = (analysis.layout?.spaces ?? []).map { space in
                OverlaySpace(polygon: space.polygon, state: tracks[space.id]?.state ?? .unknown, label: space.id)
            }
            let free = spaces.filter { $0.state == .free }.count
            let drawn = try OverlayRenderer.encoded(image, spaces: spaces, banner: OverlayRenderer.banner(spaces), format: ".bmp")
            try writer.write(try Image(decoding: drawn))
            summary.frames += 1
            summary.classifications += analysis.reclassified
            summary.skipped += spaces.count - analysis.reclassified
            (summary.lastFree, summary.total) = (free, spaces.count)
        }
        return summary
    }
}
