import ParkWatchSpaces

/// `count` spaces of 60 x 40 px side by side (ids s0, s1, …) in a layout marked as a view with
/// depth, where a missing box is evidence.
func depthRow(_ count: Int) -> LotLayout {
    LotLayout(view: .depth, spaces: (0..<count).map { index in
        let left = Double(index * 60)
        return ParkingSpace(
            id: "s\(index)", polygon: [Point(x: left, y: 0), Point(x: left + 60, y: 0), Point(x: left + 60, y: 40), Point(x: left, y: 40)])
    })
}

/// The classifier's scores of `layout`'s spaces in order, each crop lit and sharp.
func litScores(_ probabilities: [Double], of layout: LotLayout) -> [String: SpaceScore] {
    Dictionary(uniqueKeysWithValues: zip(layout.spaces, probabilities).map { space, p in
        (space.id, SpaceScore(spaceID: space.id, occupiedProbability: p, brightness: 120, sharpness: 50))
    })
}
