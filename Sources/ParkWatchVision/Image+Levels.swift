import COpenCVShim
import Foundation

/// How many sampled pixels of a region have each grey level.
package struct GreyLevels: Sendable, Equatable {
    package let counts: [UInt32]

    package init(counts: [UInt32]) {
        self.counts = counts
    }

    /// The lowest level at or under which at least `fraction` (0...1) of the pixels lie.
    package func percentile(_ fraction: Double) -> Int {
        let total = counts.reduce(0) { $0 + Int($1) }
        let wanted = max(1, Int((Double(total) * fraction).rounded(.up)))
        var seen = 0
        for (level, count) in counts.enumerated() {
            seen += Int(count)
            if seen >= wanted { return level }
        }
        return counts.count - 1
    }
}

extension Image {
    /// The grey levels of `region` (clipped to the image; nil or nothing left of it: the whole
    /// image), sampled at every 4th pixel of every 4th row.
    package func greyLevels(in region: PixelRect? = nil) throws(VisionError) -> GreyLevels {
        let whole = PixelRect(x: 0, y: 0, width: width, height: height)
        let area = region.flatMap { $0.clipped(to: whole) } ?? whole
        var counts = [UInt32](repeating: 0, count: 256)
        let failure = withExtendedLifetime(self) {
            counts.withUnsafeMutableBufferPointer { buffer in
                Shim.call {
                    pw_image_grey_histogram(
                        handle, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height), buffer.baseAddress, $0, $1)
                }
            }
        }
        if let failure { throw .lightingFailed(reason: failure.message) }
        return GreyLevels(counts: counts)
    }

    /// The median grey level, 0...255, of `region` (as `greyLevels(in:)` samples it).
    package func medianGrey(in region: PixelRect? = nil) throws(VisionError) -> Int {
        try greyLevels(in: region).percentile(0.5)
    }

    /// A copy smoothed by a Gaussian of `sigma` pixels.
    package func blurred(sigma: Double) throws(VisionError) -> Image {
        var smoothed: OpaquePointer?
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_blur(handle, sigma, &smoothed, $0, $1) } }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let smoothed else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: smoothed)
    }

    /// A copy of `width` x `height` pixels, each the average of the pixels it covers: the frame a
    /// lower-resolution camera takes of the same view.
    package func resized(width: Int, height: Int) throws(VisionError) -> Image {
        var resized: OpaquePointer?
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_resize(handle, Int32(width), Int32(height), &resized, $0, $1) } }
        if let failure { throw .imageResizeFailed(reason: failure.message) }
        guard let resized else { throw .imageResizeFailed(reason: "OpenCV returned no image") }
        return Image(adopting: resized)
    }

    /// A copy with every channel level v mapped to `table[v]` (256 entries).
    package func mapped(by table: [UInt8]) throws(VisionError) -> Image {
        guard table.count == 256 else { throw .lightingFailed(reason: "a level table needs 256 entries, not \(table.count)") }
        var mapped: OpaquePointer?
        let failure = withExtendedLifetime(self) {
            table.withUnsafeBufferPointer { levels in Shim.call { pw_image_lut(handle, levels.baseAddress, &mapped, $0, $1) } }
        }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let mapped else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: mapped)
    }

    /// A copy whose levels v become 255 · (v / 255)^g, g interpolated between the centres of a
    /// grid of `columns` gammas across (row by row, `gammas.count / columns` rows) laid over it.
    package func withGammas(_ gammas: [Float], columns: Int) throws(VisionError) -> Image {
        guard columns > 0, !gammas.isEmpty, gammas.count % columns == 0 else {
            throw .lightingFailed(reason: "a gamma grid of \(gammas.count) cells cannot have \(columns) columns")
        }
        var mapped: OpaquePointer?
        let failure = withExtendedLifetime(self) {
            gammas.withUnsafeBufferPointer { grid in
                Shim.call { pw_image_gamma_map(handle, grid.baseAddress, Int32(columns), Int32(gammas.count / columns), &mapped, $0, $1) }
            }
        }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let mapped else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: mapped)
    }

    /// A copy with every level v mapped to 255 · (v / 255)^gamma: under 1 lifts, over 1 darkens.
    package func withGamma(_ gamma: Double) throws(VisionError) -> Image {
        guard gamma > 0 else { throw .lightingFailed(reason: "gamma must be positive") }
        return try mapped(by: (0..<256).map { UInt8(clamping: Int((255 * pow(Double($0) / 255, gamma)).rounded())) })
    }

    /// A copy sharpened by an unsharp mask: the image plus `amount` times what a Gaussian of
    /// `sigma` pixels smooths away.
    package func sharpened(sigma: Double, amount: Double) throws(VisionError) -> Image {
        var sharpened: OpaquePointer?
        let failure = withExtendedLifetime(self) { Shim.call { pw_image_sharpen(handle, sigma, amount, &sharpened, $0, $1) } }
        if let failure { throw .lightingFailed(reason: failure.message) }
        guard let sharpened else { throw .lightingFailed(reason: "OpenCV returned no image") }
        return Image(adopting: sharpened)
    }

    /// The variance of the Laplacian of `region`'s grey levels (clipped to the image; nil or
    /// nothing left of it: the whole image) shrunk `shrink` times, and the same after a Gaussian of
    /// 1 pixel: how much fine detail the region holds, and how much of it is finer than a pixel.
    package func detail(in region: PixelRect? = nil, shrunk shrink: Double = 1) throws(VisionError) -> (variance: Double, smoothed: Double) {
        let whole = PixelRect(x: 0, y: 0, width: width, height: height)
        let area = region.flatMap { $0.clipped(to: whole) } ?? whole
        var (variance, smoothed) = (0.0, 0.0)
        let failure = withExtendedLifetime(self) {
            Shim.call {
                pw_image_detail(
                    handle, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height), max(1, shrink), &variance, &smoothed, $0, $1)
            }
        }
        if let failure { throw .lightingFailed(reason: failure.message) }
        return (variance, smoothed)
    }
}
