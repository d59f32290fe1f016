import Foundation

/// Turns YOLOX's raw output into vehicle boxes in network-input pixels.
///
/// The output has one row per grid cell, cells of stride 8 first, then 16, then 32, each level
/// in row-major order. A row is: x, y, w, h offsets, objectness, then 80 COCO class scores
/// (sigmoid already applied by this export).
package struct YOLOXDecoder: Sendable {
    package static let strides = [8, 16, 32]
    package static let classCount = 80
    package static let valuesPerRow = 5 + classCount
    /// COCO class index -> label, for the classes that are vehicles in a parking lot.
    package static let vehicleLabels: [Int: String] = [2: "car", 3: "motorcycle", 5: "bus", 7: "truck"]

    /// Sides of the network input, multiples of the largest stride.
    package let inputWidth: Int
    package let inputHeight: Int

    package init(inputWidth: Int, inputHeight: Int) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
    }

    package init(inputSize: Int) {
        self.init(inputWidth: inputSize, inputHeight: inputSize)
    }

    /// Rows the model emits for this input (3549 at 416 x 416).
    package var rowCount: Int {
        Self.strides.reduce(0) { total, stride in total + (inputWidth / stride) * (inputHeight / stride) }
    }

    /// Every cell whose best class is a vehicle and whose objectness x class score reaches
    /// `scoreThreshold`. Boxes overlap heavily; suppression comes later.
    package func decode(_ output: [Float], scoreThreshold: Double) throws(VisionError) -> [VehicleBox] {
        guard output.count == rowCount * Self.valuesPerRow else {
            throw .inferenceFailed(reason:
                "model output has \(output.count) values, expected \(rowCount) x \(Self.valuesPerRow) for input \(inputWidth) x \(inputHeight)")
        }
        var boxes: [VehicleBox] = []
        output.withUnsafeBufferPointer { values in
            var row = 0
            for stride in Self.strides {
                for cellY in 0..<inputHeight / stride {
                    for cellX in 0..<inputWidth / stride {
                        let start = row * Self.valuesPerRow
                        let rowValues = UnsafeBufferPointer(rebasing: values[start..<start + Self.valuesPerRow])
                        if let box = decodeRow(rowValues, cellX: cellX, cellY: cellY, stride: stride,
                                               scoreThreshold: scoreThreshold) {
                            boxes.append(box)
                        }
                        row += 1
                    }
                }
            }
        }
        return boxes
    }

    private func decodeRow(_ row: UnsafeBufferPointer<Float>, cellX: Int, cellY: Int, stride: Int,
                           scoreThreshold: Double) -> VehicleBox? {
        let objectness = Double(row[4])
        // Class scores are at most 1, so a weak objectness rules the cell out before the class scan.
        guard objectness >= scoreThreshold else { return nil }
        var bestClass = 0
        for index in 1..<Self.classCount where row[5 + index] > row[5 + bestClass] {
            bestClass = index
        }
        // A cell that is more likely a person or a bench than any vehicle is not a vehicle.
        guard let label = Self.vehicleLabels[bestClass] else { return nil }
        let score = objectness * Double(row[5 + bestClass])
        guard score >= scoreThreshold else { return nil }
        let scale = Double(stride)
        let centerX = (Double(row[0]) + Double(cellX)) * scale
        let centerY = (Double(row[1]) + Double(cellY)) * scale
        let width = exp(Double(row[2])) * scale
        let height = exp(Double(row[3])) * scale
        return VehicleBox(x: centerX - width / 2, y: centerY - height / 2, w: width, h: height,
                          score: score, label: label)
    }
}
