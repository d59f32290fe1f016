import Foundation
import ParkWatchVision

/// A proposed layout and what it was made from.
package struct LayoutProposal: Sendable {
    package var layout: LotLayout
    package var proposals: [SpaceProposer.Proposal]
    /// Photos read, and those left out with why (unreadable, another size than the first).
    package var photosRead: Int
    package var skipped: [(file: String, reason: String)]
}

extension SpaceProposer {
    /// Detects the vehicles of each photo and proposes the spaces they stood in. Every photo must
    /// have the first readable one's size: a layout's points are pixels of one frame size.
    package func propose(from photos: [URL], detector: VehicleDetector, lot: String? = nil) async throws -> LayoutProposal {
        var boxes: [[VehicleBox]] = []
        var size: (width: Int, height: Int)?
        var skipped: [(file: String, reason: String)] = []
        for photo in photos {
            do {
                // Lifted when dim, as the frame reader lifts what it reads.
                let image = try FrameLight().lifted(try await Image.decode(try Data(contentsOf: photo))).detectorView()
                let frame = size ?? (image.width, image.height)
                guard frame == (image.width, image.height) else {
                    skipped.append((photo.path, "\(image.width)x\(image.height), not \(frame.width)x\(frame.height) as the first photo"))
                    continue
                }
                size = frame
                boxes.append(try await detector.detect(image).boxes)
            } catch {
                skipped.append((photo.path, "\(error)"))
            }
        }
        let proposals = propose(boxes)
        guard let size, !proposals.isEmpty else {
            throw SpacesError.noParkedVehicles(photos: boxes.count, minimumPhotos: settings.minimumPhotos)
        }
        let layout = LotLayout(lot: lot, imageWidth: size.width, imageHeight: size.height, spaces: proposals.map(\.space))
        return LayoutProposal(layout: layout, proposals: proposals, photosRead: boxes.count, skipped: skipped)
    }
}
