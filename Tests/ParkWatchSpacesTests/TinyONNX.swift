import Foundation

/// Writes a tiny stand-in space classifier as ONNX protobuf, so the runner's tests need no trained
/// model and no Python: input [N,3,64,64] -> GlobalAveragePool -> Flatten -> Gemm(3->2) [-> Softmax].
/// Its occupied logit is 10 * (mean red - mean green), so a red crop reads "occupied", a green one "free".
enum TinyONNX {
    static func write(to url: URL, softmax: Bool = true) throws {
        try model(softmax: softmax).write(to: url)
    }

    static func model(softmax: Bool) -> Data {
        // Gemm weights [2, 3] over BGR means: row 0 (free) = 0, row 1 (occupied) = 10 * (R - G).
        let weights: [Float] = [0, 0, 0, 0, -10, 10]
        let bias: [Float] = softmax ? [0, 0] : [3, 3]  // without softmax the pair cannot sum to 1
        var nodes = [
            node("GlobalAveragePool", inputs: ["input"], output: "pooled"),
            node("Flatten", inputs: ["pooled"], output: "flat"),
            node("Gemm", inputs: ["flat", "W", "B"], output: softmax ? "logits" : "probs",
                 attributes: [attribute("transB", int: 1)]),
        ]
        if softmax { nodes.append(node("Softmax", inputs: ["logits"], output: "probs", attributes: [attribute("axis", int: 1)])) }
        var graph = Proto()
        for item in nodes { graph.message(1, item) }
        graph.string(2, "tiny_space_classifier")
        graph.message(5, tensor("W", dims: [2, 3], values: weights))
        graph.message(5, tensor("B", dims: [2], values: bias))
        graph.message(11, valueInfo("input", dims: [nil, 3, 64, 64]))
        graph.message(12, valueInfo("probs", dims: [nil, 2]))
        var opset = Proto()
        opset.string(1, "")
        opset.varint(2, 11)
        var model = Proto()
        model.varint(1, 6)  // IR version 6 goes with opset 11
        model.string(2, "parkwatch-tests")
        model.message(7, graph)
        model.message(8, opset)
        return model.bytes
    }

    private static func node(_ op: String, inputs: [String], output: String, attributes: [Proto] = []) -> Proto {
        var proto = Proto()
        for input in inputs { proto.string(1, input) }
        proto.string(2, output)
        proto.string(3, op.lowercased())
        proto.string(4, op)
        for item in attributes { proto.message(5, item) }
        return proto
    }

    private static func attribute(_ name: String, int: Int) -> Proto {
        var proto = Proto()
        proto.string(1, name)
        proto.varint(3, UInt64(int))
        proto.varint(20, 2)  // AttributeType INT
        return proto
    }

    private static func tensor(_ name: String, dims: [Int], values: [Float]) -> Proto {
        var proto = Proto()
        for dim in dims { proto.varint(1, UInt64(dim)) }
        proto.varint(2, 1)  // FLOAT
        proto.string(8, name)
        var raw = Data()
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        proto.bytes(9, raw)
        return proto
    }

    /// nil is the symbolic batch dimension "N".
    private static func valueInfo(_ name: String, dims: [Int?]) -> Proto {
        var shape = Proto()
        for dim in dims {
            var dimension = Proto()
            if let dim { dimension.varint(1, UInt64(dim)) } else { dimension.string(2, "N") }
            shape.message(1, dimension)
        }
        var tensorType = Proto()
        tensorType.varint(1, 1)  // FLOAT
        tensorType.message(2, shape)
        var type = Proto()
        type.message(1, tensorType)
        var proto = Proto()
        proto.string(1, name)
        proto.message(2, type)
        return proto
    }
}

/// Just enough protobuf wire format for the message above: varints and length-delimited fields.
struct Proto {
    var bytes = Data()

    mutating func varint(_ field: Int, _ value: UInt64) {
        key(field, wireType: 0)
        raw(value)
    }

    mutating func bytes(_ field: Int, _ value: Data) {
        key(field, wireType: 2)
        raw(UInt64(value.count))
        bytes.append(value)
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Data(value.utf8)) }
    mutating func message(_ field: Int, _ value: Proto) { bytes(field, value.bytes) }

    private mutating func key(_ field: Int, wireType: UInt64) { raw(UInt64(field) << 3 | wireType) }

    private mutating func raw(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
