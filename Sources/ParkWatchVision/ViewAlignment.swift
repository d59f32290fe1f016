import COpenCVShim
import Dispatch

/// Where a camera's reference view lies in a frame: a homography from reference pixels to frame
/// pixels, found from matched image features, and how well the matches support it.
package struct ViewAlignment: Sendable, Equatable {
    /// Row-major 3x3.
    package var matrix: [Double]
    /// Feature matches that passed the ratio test.
    package var matches: Int
    /// Matches the homography explains; 0 when none was found.
    package var inliers: Int

    /// Fewer explained matches than this is no registration: a frame of another scene still
    /// matches a few dozen features by chance, and RANSAC explains some of them.
    package static let minimumInliers = 40

    package init(matrix: [Double], matches: Int, inliers: Int) {
        self.matrix = matrix
        self.matches = matches
        self.inliers = inliers
    }

    /// The homography is trusted: enough matches agree with it, and it is a move a camera can make
    /// (no mirror, no collapse, at most a doubling or halving of scale, little perspective change).
    package var confident: Bool {
        guard matrix.count == 9, inliers >= Self.minimumInliers, Double(inliers) >= 0.2 * Double(matches) else { return false }
        let determinant = matrix[0] * matrix[4] - matrix[1] * matrix[3]
        return (0.25...4).contains(determinant) && abs(matrix[6]) < 0.002 && abs(matrix[7]) < 0.002
    }

    /// A reference pixel's place in the frame.
    package func map(x: Double, y: Double) -> (x: Double, y: Double) {
        let w = matrix[6] * x + matrix[7] * y + matrix[8]
        return ((matrix[0] * x + matrix[1] * y + matrix[2]) / w, (matrix[3] * x + matrix[4] * y + matrix[5]) / w)
    }

    /// This move, then `next` (a homography from this one's frame to a later frame). The evidence
    /// is `next`'s: this one was trusted when it was found.
    package func followed(by next: ViewAlignment) -> ViewAlignment {
        var product = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                product[row * 3 + column] = (0..<3).reduce(0) { $0 + next.matrix[row * 3 + $1] * matrix[$1 * 3 + column] }
            }
        }
        let scale = product[8] == 0 ? 1 : product[8]
        return ViewAlignment(
            matrix: product.map { $0 / scale }, matches: next.matches, inliers: next.inliers)
    }

    /// How far the farthest-moving of `points` (reference pixels) moved, in pixels: 0 for a camera
    /// that stayed put. Measured where it matters (a layout's spaces): a homography fitted to the
    /// lot extrapolates poorly to the sky and the frame's corners.
    package func largestShift(of points: [(x: Double, y: Double)]) -> Double {
        points.map { point in
            let moved = map(x: point.x, y: point.y)
            return ((moved.x - point.x) * (moved.x - point.x) + (moved.y - point.y) * (moved.y - point.y)).squareRoot()
        }.max() ?? 0
    }
}

extension Image {
    /// Where `reference` lies in this image. Both are looked at with the long side at most
    /// `maxSide` pixels: at 800, a 1280x720 pair takes about 90 ms on one core and a 5-degree
    /// turn is found within a pixel.
    package func alignment(to reference: Image, maxSide: Int = 800) throws(VisionError) -> ViewAlignment {
        var result = pw_registration()
        let failure = withExtendedLifetime((self, reference)) {
            Shim.call { pw_register_views(reference._shimHandle, self._shimHandle, Int32(maxSide), &result, $0, $1) }
        }
        if let failure { throw .registrationFailed(reason: failure.message) }
        let matrix = withUnsafeBytes(of: result.matrix) { Array($0.bindMemory(to: Double.self)) }
        return ViewAlignment(matrix: matrix, matches: Int(result.matches), inliers: Int(result.inliers))
    }

    /// The same on a dispatch queue: 90 ms or more is too long to hold a cooperative thread.
    package func alignment(to reference: Image) async throws -> ViewAlignment {
        try await withCheckedThrowingContinuation { continuation in
            Self.registrationQueue.async {
                continuation.resume(with: Result { () throws(VisionError) in try self.alignment(to: reference, maxSide: 800) })
            }
        }
    }

    private static let registrationQueue = DispatchQueue(
        label: "parkwatch.vision.registration", qos: .userInitiated, attributes: .concurrent)
}

/// Follows a camera's view from its reference photo. Each frame is registered against the
/// reference; failing that, against the last frame the reference was found in directly, then
/// against the last frame placed at all, the moves composed. Low sun and tree shadows can hide the
/// reference's features for an hour but change little in minutes, and the fewer moves composed,
/// the less the layout drifts (dev camera stream, a shadowed hour: within 5.3 px).
package struct ViewTracker: Sendable {
    package let reference: Image
    private var anchor: (frame: Image, alignment: ViewAlignment)?
    private var last: (frame: Image, alignment: ViewAlignment)?

    package init(reference: Image) {
        self.reference = reference
    }

    /// Where the reference lies in `frame`; nil when none of the reference, the anchor and the last
    /// placed frame can be found in it (the camera points elsewhere, or sees nothing).
    package mutating func locate(_ frame: Image) async throws -> ViewAlignment? {
        let direct = try await frame.alignment(to: reference)
        if direct.confident {
            anchor = (frame, direct)
            last = anchor
            return direct
        }
        for earlier in [anchor, last].compactMap({ $0 }) {
            let step = try await frame.alignment(to: earlier.frame)
            guard step.confident else { continue }
            let found = earlier.alignment.followed(by: step)
            last = (frame, found)
            return found
        }
        return nil
    }
}
