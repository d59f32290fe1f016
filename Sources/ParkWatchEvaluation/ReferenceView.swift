import Foundation
import ParkWatchSpaces
import ParkWatchVision

/// The layout `eval spaces --layout` reads every frame with. When it names a reference photo, the
/// frames (in capture order) are followed from that photo (`ViewTracker`) and the spaces carried to
/// where they lie in each; a frame that cannot be registered gets no layout, and its spaces are
/// judged unknown.
struct ReferenceView: Sendable {
    let layout: LotLayout
    let reference: Image?
    private var tracker: ViewTracker?

    init(_ layout: LotLayout) async throws {
        self.layout = layout
        guard let path = layout.reference else {
            reference = nil
            return
        }
        do {
            let image = try await Image.decode(Data(contentsOf: URL(fileURLWithPath: path)))
            reference = image
            tracker = ViewTracker(reference: image)
        } catch {
            throw EvaluationError.referenceUnreadable(path: path, reason: "\(error)")
        }
    }

    /// The layout in `image`'s pixels and how far the reference moved there (nil without a
    /// reference); nil when the frame could not be registered.
    mutating func placed(in image: Image) async throws -> (layout: LotLayout, shift: Double?)? {
        guard let reference, var tracker else { return (layout, nil) }
        let located: ViewAlignment?
        do {
            located = try await tracker.locate(image)
        } catch {
            throw EvaluationError.registrationFailed(reason: "\(error)")
        }
        self.tracker = tracker
        guard let alignment = located else { return nil }
        let size = (width: reference.width, height: reference.height)
        let carried = layout.carried(by: alignment, reference: size, frame: (image.width, image.height))
        let drawn = layout.resolved(width: size.width, height: size.height).spaces.flatMap(\.polygon).map { (x: $0.x, y: $0.y) }
        return (carried, alignment.largestShift(of: drawn))
    }
}
