import Foundation
import ParkWatchVision

/// Spaces proposed from where vehicles stood: the boxes of a camera's photos are grouped into
/// spots (boxes of different photos that overlap), a spot seen in too few photos is a vehicle
/// passing by, and each remaining spot becomes a space outlined by its median box.
///
/// The outline is the whole median box, not only the car's bottom face: the reader matches
/// detections to outlines and crops them, and hand-drawn outlines (PKLot's) cover the car as the
/// camera sees it.
package struct SpaceProposer: Sendable {
    package struct Settings: Sendable, Equatable {
        /// Boxes of different photos are one spot when their intersection over union reaches this.
        package var sameSpot = 0.5
        /// A spot seen in fewer photos than this is a vehicle passing by, not a parked one.
        package var minimumPhotos = 2

        package init() {}
    }

    /// One proposed space and the number of photos a vehicle stood in it.
    package struct Proposal: Sendable, Equatable {
        package var space: ParkingSpace
        package var photos: Int
    }

    package var settings: Settings

    package init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// `photos` holds each photo's boxes; the proposals come in reading order (top row first,
    /// left to right), with ids P1, P2, ….
    package func propose(_ photos: [[VehicleBox]]) -> [Proposal] {
        var spots: [Spot] = []
        for boxes in photos { place(boxes, in: &spots) }
        let parked = spots.filter { $0.boxes.count >= settings.minimumPhotos }
            .sorted { $0.boxes.count > $1.boxes.count }
        var kept: [(box: VehicleBox, photos: Int)] = []
        for spot in parked {
            let box = spot.median
            // Two spots that drifted onto one another are one space; the one seen more often stays.
            if !kept.contains(where: { $0.box.overlap(with: box) >= settings.sameSpot }) { kept.append((box, spot.boxes.count)) }
        }
        return Self.inReadingOrder(kept).enumerated().map { index, spot in
            Proposal(space: ParkingSpace(id: "P\(index + 1)", polygon: Self.outline(spot.box)), photos: spot.photos)
        }
    }

    /// Rows from the top, each left to right. A spot joins the row above when its centre lies
    /// within half that row's first box height: the cars of one row never line up to the pixel.
    static func inReadingOrder(_ spots: [(box: VehicleBox, photos: Int)]) -> [(box: VehicleBox, photos: Int)] {
        var rows: [[(box: VehicleBox, photos: Int)]] = []
        for spot in spots.sorted(by: { $0.box.y + $0.box.h / 2 < $1.box.y + $1.box.h / 2 }) {
            if let first = rows.last?.first, spot.box.y + spot.box.h / 2 <= first.box.y + first.box.h {
                rows[rows.count - 1].append(spot)
            } else {
                rows.append([spot])
            }
        }
        return rows.flatMap { $0.sorted { $0.box.x < $1.box.x } }
    }

    /// Each box joins the spot it overlaps most (one box per spot and photo), or starts a new one.
    private func place(_ boxes: [VehicleBox], in spots: inout [Spot]) {
        var taken: Set<Int> = []
        for box in boxes.sorted(by: { $0.score > $1.score }) {
            let medians = spots.map(\.median)
            let best = medians.indices.filter { !taken.contains($0) }
                .max { medians[$0].overlap(with: box) < medians[$1].overlap(with: box) }
            if let best, medians[best].overlap(with: box) >= settings.sameSpot {
                spots[best].boxes.append(box)
                taken.insert(best)
            } else {
                spots.append(Spot(boxes: [box]))
                taken.insert(spots.count - 1)
            }
        }
    }

    static func outline(_ box: VehicleBox) -> [Point] {
        [Point(x: box.x, y: box.y), Point(x: box.x + box.w, y: box.y),
         Point(x: box.x + box.w, y: box.y + box.h), Point(x: box.x, y: box.y + box.h)]
    }
}

/// The boxes of one place in the picture, at most one per photo.
private struct Spot {
    var boxes: [VehicleBox]

    /// Each side's median: one odd box (a car parked across the line, a door open) moves it little.
    var median: VehicleBox {
        func middle(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let left = middle(boxes.map(\.x)), top = middle(boxes.map(\.y))
        let right = middle(boxes.map { $0.x + $0.w }), bottom = middle(boxes.map { $0.y + $0.h })
        return VehicleBox(x: left, y: top, w: right - left, h: bottom - top, score: middle(boxes.map(\.score)), label: "car")
    }
}
