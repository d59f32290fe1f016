import COpenCVShim

/// What a failed shim call reported: its status code and the message it wrote.
/// Package-wide: every module that calls the shim turns its codes into errors the same way.
package struct ShimFailure: Error, Sendable {
    package let code: Int32
    package let message: String
}

package enum Shim {
    /// Large enough for OpenCV's messages, which name the function and the failed assertion.
    static let errorCapacity = 1024

    /// Runs one shim call with a fresh error buffer; nil means it succeeded.
    package static func call(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> ShimFailure? {
        var buffer = [CChar](repeating: 0, count: errorCapacity)
        let code = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        guard code != 0 else { return nil }
        let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return ShimFailure(code: code, message: message.isEmpty ? "error code \(code)" : message)
    }
}

/// Process-wide OpenCV facts and knobs.
package enum OpenCV {
    /// The linked OpenCV's version, e.g. "4.6.0".
    package static var version: String {
        var buffer = [CChar](repeating: 0, count: 64)
        buffer.withUnsafeMutableBufferPointer { pw_opencv_version($0.baseAddress, $0.count) }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Threads OpenCV may use inside one call (resize, dnn layers). 1 keeps each call on its
    /// caller's thread, which is what a service running several detectors wants; 0 or less
    /// restores OpenCV's default (one per core).
    package static func setThreadCount(_ n: Int) {
        let count = n <= 0 ? -1 : Int32(clamping: n)
        // cv::setNumThreads does not fail in practice; a failure would leave the old setting, which is harmless.
        _ = Shim.call { pw_set_thread_count(count, $0, $1) }
    }

    /// The cores this process may run on, as OpenCV counts them: its CPU affinity (`taskset`, a
    /// container's cpuset) counts, which `ProcessInfo.activeProcessorCount` ignores.
    package static var availableCores: Int { max(1, Int(pw_cpu_count())) }
}
