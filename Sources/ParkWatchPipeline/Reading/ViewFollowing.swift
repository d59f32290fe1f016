import Foundation
import Logging
import ParkWatchOccupancy
import ParkWatchSpaces
import ParkWatchStore
import ParkWatchVision

/// A camera's layout that names its reference photo follows the camera: each frame is registered
/// against the reference (`ViewTracker`) and the spaces are carried to where they now lie. A frame
/// in which the reference cannot be found reads every space unknown: a layout on the wrong view
/// would read confidently wrong.
struct ViewFollowing: Sendable {
    /// A move of at least this many pixels (at the farthest space corner) is a camera that moved,
    /// said once in the log; sway and registration noise stay below it (dev stream: 0.8-8.0 px).
    static let movedAfter = PhotoRecord.movedAfterPx

    /// Where `drawn` lies in `image`, or nil when the view is lost; notes the shift in `reading`.
    static func place(
        _ drawn: LotLayout, reference: Image, in image: Image, camera: String, state: inout ViewState?,
        reading: inout FrameReading, logger: Logger
    ) async -> LotLayout? {
        var tracker = state.flatMap { $0.tracker.reference === reference ? $0.tracker : nil } ?? ViewTracker(reference: reference)
        let previous = state?.last
        let located: ViewAlignment?
        do {
            located = try await tracker.locate(image)
        } catch {
            logger.warning("camera view could not be registered", metadata: ["camera": "\(camera)", "reason": "\(error)"])
            located = nil
        }
        guard let located else {
            state = ViewState(tracker: tracker, last: .lost)
            if previous != .lost {
                logger.warning("camera view not recognised: its spaces read unknown until it is", metadata: ["camera": "\(camera)"])
            }
            reading.viewLost = true
            return nil
        }
        let size = (width: reference.width, height: reference.height)
        let corners = drawn.resolved(width: size.width, height: size.height).spaces.flatMap(\.polygon).map { (x: $0.x, y: $0.y) }
        let shift = located.largestShift(of: corners)
        note(shift, was: previous, camera: camera, logger: logger)
        state = ViewState(tracker: tracker, last: .placed(shift: shift))
        reading.viewShift = shift
        return drawn.carried(by: located, reference: size, frame: (image.width, image.height)).clipped(width: image.width, height: image.height)
    }

    private static func note(_ shift: Double, was previous: ViewState.Last?, camera: String, logger: Logger) {
        let moved = shift >= movedAfter
        let wasMoved = if case .placed(let before) = previous { before >= movedAfter } else { false }
        let metadata: Logger.Metadata = ["camera": "\(camera)", "shift_px": "\(String(format: "%.1f", shift))"]
        if previous == .lost { logger.notice("camera view recognised again", metadata: metadata) }
        if moved && !wasMoved { logger.notice("camera moved: its spaces follow the view", metadata: metadata) }
        if !moved && wasMoved { logger.notice("camera back where its layout was drawn", metadata: metadata) }
    }

    /// Every space unknown, for a frame whose view is lost.
    static func unknown(_ layout: LotLayout) -> [SpaceDecision] {
        layout.spaces.map { space in
            SpaceDecision(
                spaceID: space.id, state: .unknown, confidence: 0, occupiedProbability: 0.5, classifierProbability: 0.5, coverage: 0,
                viewProblem: "camera view not recognised")
        }
    }
}

/// What a camera's frames left about its view: kept whatever the reader's `Options` say, since a
/// camera's view follows from one frame to the next even when its frames are judged each alone.
struct ViewState: Sendable {
    /// How the last frame's view was found.
    enum Last: Sendable, Equatable {
        /// Moved this many pixels from the reference (at the farthest space corner).
        case placed(shift: Double)
        case lost
    }

    var tracker: ViewTracker
    var last: Last
}
