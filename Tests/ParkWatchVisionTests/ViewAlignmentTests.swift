import Foundation
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// Registration of a frame against a camera's reference photo, through the real OpenCV shim.
@Suite struct ViewAlignmentTests {
    static func translation(_ dx: Double, _ dy: Double) -> ViewAlignment {
        ViewAlignment(matrix: [1, 0, dx, 0, 1, dy, 0, 0, 1], matches: 100, inliers: 90)
    }

    static func image(_ url: URL) throws -> Image {
        try Image(decoding: Data(contentsOf: url))
    }

    @Test func movesComposeInOrder() {
        let turn = ViewAlignment(matrix: [0, -1, 0, 1, 0, 0, 0, 0, 1], matches: 50, inliers: 45)
        // Shift right 10, then turn a quarter: (0, 0) -> (10, 0) -> (0, 10).
        let composed = Self.translation(10, 0).followed(by: turn)
        let moved = composed.map(x: 0, y: 0)
        #expect(abs(moved.x) < 1e-9 && abs(moved.y - 10) < 1e-9)
        #expect(composed.inliers == 45 && composed.matches == 50)
        #expect(Self.translation(3, 4).largestShift(of: [(0, 0), (100, 50)]) == 5)
    }

    @Test func onlyAMoveACameraCanMakeIsTrusted() {
        #expect(Self.translation(40, -20).confident)
        #expect(!ViewAlignment(matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], matches: 100, inliers: 39).confident)
        #expect(!ViewAlignment(matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1], matches: 1000, inliers: 100).confident)
        #expect(!ViewAlignment(matrix: [-1, 0, 0, 0, 1, 0, 0, 0, 1], matches: 100, inliers: 90).confident)
        #expect(!ViewAlignment(matrix: [1, 0, 0, 0, 1, 0, 0.01, 0, 1], matches: 100, inliers: 90).confident)
    }

    /// Another day of the same camera is found where it is; a picture of something else is not.
    @Test func theSameViewIsFoundAndAnotherSceneIsNot() throws {
        let reference = try Self.image(try #require(TestResources.pklotDay1.first))
        let otherDay = try Self.image(try #require(TestResources.pklotDay0.first))
        let found = try otherDay.alignment(to: reference)
        #expect(found.confident)
        #expect(found.largestShift(of: [(300, 200), (640, 360), (1000, 600)]) < 8)
        let mask = try Self.image(TestResources.dataset("seed-lot/mask_1920_1080.png"))
        #expect(!(try mask.alignment(to: reference)).confident)
    }
}
