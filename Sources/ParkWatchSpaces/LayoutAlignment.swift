import ParkWatchVision

extension LotLayout {
    /// The layout as drawn on its reference photo (`reference` pixels), carried into a frame of
    /// `frame` pixels by where the reference lies in that frame.
    package func carried(by alignment: ViewAlignment, reference: (width: Int, height: Int), frame: (width: Int, height: Int)) -> LotLayout {
        var result = resolved(width: reference.width, height: reference.height)
        for index in result.spaces.indices {
            result.spaces[index].polygon = result.spaces[index].polygon.map { point in
                let moved = alignment.map(x: point.x, y: point.y)
                return Point(x: moved.x, y: moved.y)
            }
        }
        result.imageWidth = frame.width
        result.imageHeight = frame.height
        return result
    }
}
