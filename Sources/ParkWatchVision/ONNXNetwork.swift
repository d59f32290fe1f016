import COpenCVShim

/// One pass's raw model output, the letterbox scale that produced it and the input's size.
struct RawOutput {
    var values: [Float]
    var rows: Int
    var columns: Int
    var scale: Double
    var inputWidth: Int
    var inputHeight: Int
}

/// Owns a cv::dnn::Net. Not thread-safe (OpenCV's Net keeps per-forward state), so the
/// `@unchecked Sendable` holds only because `VehicleDetector` gives each of its networks to one
/// worker of one frame at a time.
final class ONNXNetwork: @unchecked Sendable {
    private let handle: OpaquePointer

    init(path: String) throws(VisionError) {
        var loaded: OpaquePointer?
        if let failure = Shim.call({ pw_net_load_onnx(path, &loaded, $0, $1) }) {
            throw .modelLoadFailed(path: path, reason: failure.message)
        }
        guard let loaded else { throw .modelLoadFailed(path: path, reason: "OpenCV returned no network") }
        handle = loaded
    }

    deinit { pw_net_free(handle) }

    /// Runs the model on `region` of `image`, letterboxed so that its long side is `inputSize` and
    /// each side is padded to a multiple of `align`. `capacity` floats must hold the output.
    func forward(_ image: Image, region: PixelRect, inputSize: Int, align: Int, capacity: Int) throws(VisionError) -> RawOutput {
        var (rows, columns, inputWidth, inputHeight): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        var scale: Float = 0
        var failure: ShimFailure?
        let values = [Float](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            failure = Shim.call { err, errLen in
                pw_net_forward_letterboxed(
                    handle, image.handle, Int32(region.x), Int32(region.y), Int32(region.width), Int32(region.height),
                    Int32(inputSize), Int32(align), buffer.baseAddress, buffer.count, &rows, &columns, &scale,
                    &inputWidth, &inputHeight, err, errLen)
            }
            initialized = failure == nil ? Int(rows) * Int(columns) : 0
        }
        if let failure { throw .inferenceFailed(reason: failure.message) }
        return RawOutput(values: values, rows: Int(rows), columns: Int(columns), scale: Double(scale),
                         inputWidth: Int(inputWidth), inputHeight: Int(inputHeight))
    }
}
