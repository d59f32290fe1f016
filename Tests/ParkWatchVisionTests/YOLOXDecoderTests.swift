import Foundation
import Testing
@testable import ParkWatchVision

/// Builds a raw output full of empty cells, then fills the cells a test names.
private struct SyntheticOutput {
    let decoder: YOLOXDecoder
    var values: [Float]

    init(width: Int = 416, height: Int = 416) {
        decoder = YOLOXDecoder(inputWidth: width, inputHeight: height)
        values = [Float](repeating: 0, count: decoder.rowCount * YOLOXDecoder.valuesPerRow)
    }

    /// Rows of stride 8 come first (52x52 cells at 416), then 16 (26x26), then 32 (13x13), each row-major.
    func row(stride: Int, cellX: Int, cellY: Int) -> Int {
        var first = 0
        for level in YOLOXDecoder.strides where level < stride {
            first += (decoder.inputWidth / level) * (decoder.inputHeight / level)
        }
        return first + cellY * (decoder.inputWidth / stride) + cellX
    }

    mutating func set(stride: Int, cellX: Int, cellY: Int, offsets: [Float], objectness: Float, classes: [Int: Float]) {
        let start = row(stride: stride, cellX: cellX, cellY: cellY) * YOLOXDecoder.valuesPerRow
        for (index, value) in offsets.enumerated() { values[start + index] = value }
        values[start + 4] = objectness
        for (classIndex, score) in classes { values[start + 5 + classIndex] = score }
    }
}

@Suite("YOLOX output decoding")
struct YOLOXDecoderTests {
    @Test func rowCountMatchesTheModelAt416() {
        #expect(YOLOXDecoder(inputSize: 416).rowCount == 3549)
        // 52x32 + 26x16 + 13x8 cells for a 16:9 frame's 416 x 256 input.
        #expect(YOLOXDecoder(inputWidth: 416, inputHeight: 256).rowCount == 2184)
    }

    /// Cells of a wide input run 52 to a row: a decoder that swapped the sides would put this car
    /// in another place (or outside the input).
    @Test func aWideInputIsReadRowByRowAcrossItsWidth() throws {
        var output = SyntheticOutput(width: 416, height: 256)
        output.set(stride: 8, cellX: 50, cellY: 30, offsets: [0.5, 0.5, 0, 0], objectness: 1, classes: [2: 1])
        output.set(stride: 32, cellX: 12, cellY: 7, offsets: [0.5, 0.5, 0, 0], objectness: 1, classes: [7: 1])
        let boxes = try output.decoder.decode(output.values, scoreThreshold: 0.5)
        #expect(boxes.map(\.label) == ["car", "truck"])
        #expect(boxes.map { [$0.x + $0.w / 2, $0.y + $0.h / 2] } == [[404, 244], [400, 240]])
    }

    @Test func decodesVehicleCellsIntoInputPixelBoxes() throws {
        var output = SyntheticOutput()
        // Stride 8, cell (10, 5): centre (10.5, 5.5) * 8 = (84, 44); size e^ln4 * 8 = 32 by e^ln2 * 8 = 16.
        output.set(stride: 8, cellX: 10, cellY: 5, offsets: [0.5, 0.5, Float(log(4.0)), Float(log(2.0))],
                   objectness: 0.9, classes: [2: 0.8])
        // Stride 32, cell (3, 7): centre (3*32, 7*32) = (96, 224); size 32 by 64.
        output.set(stride: 32, cellX: 3, cellY: 7, offsets: [0, 0, 0, Float(log(2.0))],
                   objectness: 0.7, classes: [5: 0.9, 2: 0.3])

        let boxes = try output.decoder.decode(output.values, scoreThreshold: 0.3)

        #expect(boxes.count == 2)
        let car = try #require(boxes.first { $0.label == "car" })
        #expect(abs(car.x - 68) < 1e-4 && abs(car.y - 36) < 1e-4)
        #expect(abs(car.w - 32) < 1e-4 && abs(car.h - 16) < 1e-4)
        #expect(abs(car.score - 0.72) < 1e-5)
        let bus = try #require(boxes.first { $0.label == "bus" })
        #expect(abs(bus.x - 80) < 1e-4 && abs(bus.y - 192) < 1e-4)
        #expect(abs(bus.w - 32) < 1e-4 && abs(bus.h - 64) < 1e-4)
        #expect(abs(bus.score - 0.63) < 1e-5)
    }

    @Test func labelsEveryVehicleClass() throws {
        var output = SyntheticOutput()
        for (cellX, classIndex) in [(1, 2), (3, 3), (5, 5), (7, 7)] {
            output.set(stride: 16, cellX: cellX, cellY: 1, offsets: [0, 0, 0, 0], objectness: 1, classes: [classIndex: 1])
        }
        let labels = try output.decoder.decode(output.values, scoreThreshold: 0.5).map(\.label)
        #expect(labels == ["car", "motorcycle", "bus", "truck"])
    }

    @Test func dropsNonVehicleClassesAndWeakScores() throws {
        var output = SyntheticOutput()
        output.set(stride: 8, cellX: 1, cellY: 1, offsets: [0, 0, 0, 0], objectness: 0.95, classes: [0: 0.9])  // person
        output.set(stride: 8, cellX: 2, cellY: 2, offsets: [0, 0, 0, 0], objectness: 0.95, classes: [0: 0.9, 2: 0.6])  // person beats car
        output.set(stride: 8, cellX: 3, cellY: 3, offsets: [0, 0, 0, 0], objectness: 0.5, classes: [2: 0.5])  // 0.25 < 0.3
        output.set(stride: 8, cellX: 4, cellY: 4, offsets: [0, 0, 0, 0], objectness: 0.2, classes: [7: 1.0])  // weak objectness
        output.set(stride: 8, cellX: 5, cellY: 5, offsets: [0, 0, 0, 0], objectness: 0.6, classes: [7: 0.5])  // exactly 0.3: kept

        let boxes = try output.decoder.decode(output.values, scoreThreshold: 0.3)

        #expect(boxes.map(\.label) == ["truck"])
        #expect(boxes.allSatisfy { $0.score >= 0.3 })
        #expect(try output.decoder.decode(output.values, scoreThreshold: 0.31).isEmpty)
    }

    @Test func rejectsOutputOfTheWrongSize() {
        let decoder = YOLOXDecoder(inputSize: 416)
        #expect(throws: VisionError.self) { try decoder.decode([Float](repeating: 0, count: 85 * 100), scoreThreshold: 0.3) }
    }
}
