import Foundation
import ParkWatchSpaces
import ParkWatchTestSupport
import ParkWatchVision
import Testing

/// `light_correction` as a user sets it: two cameras upload a dusk photo (a dev frame darkened
/// by gamma 3); the one left at the default is lifted and says so in the log, the one
/// set to `false` is read as taken and misses the dark cars.
@Suite struct LightCorrectionTests {
    @Test func aCameraSetToFalseReadsItsPhotosAsTaken() async throws {
        let folder = try TemporaryFolder("light-correction")
        let runner = CLIRunner(directory: folder.url)
        try Data("cameras:\n  dusk:\n  ir: {light_correction: false}\n".utf8).write(to: folder.path("parkwatch.yaml"))
        let frame = try #require(TestResources.pklotDay1.last)
        let photo = try Image(contentsOfFile: frame.path)
        let (watcher, _, stderr) = try runner.start(["watch", "--config", "parkwatch.yaml"])
        defer { if watcher.isRunning { watcher.terminate() } }
        let log = CLIRunner.follow(stderr)
        #expect(await eventually(within: liveDeadline) { log.text.contains("watching") }, "\(log.text)")
        // Not byte for byte the same photo, which the inbox would file as a duplicate.
        for (camera, gamma) in [("dusk", 3.0), ("ir", 3.05)] {
            let inbox = try folder.folder("inbox/\(camera)")
            try OverlayRenderer.render(try photo.withGamma(gamma), spaces: [], banner: "", to: inbox.appendingPathComponent("dim.png"))
        }
        var rows: [[String: Any]] = []
        let done = await eventually(within: liveDeadline) {
            rows = (try? await runner.run("history", "--json").json() as? [[String: Any]]) ?? []
            return rows.count == 2
        }
        #expect(done, "history has \(rows.count) rows")
        let vehicles = { (camera: String) in rows.first { $0["camera"] as? String == camera }?["vehicles"] as? Int ?? -1 }
        #expect(vehicles("ir") >= 0 && vehicles("ir") < vehicles("dusk") - 4, "ir \(vehicles("ir")), dusk \(vehicles("dusk"))")
        let lines = log.text.split(separator: "\n")
        #expect(lines.contains { $0.contains("camera=dusk") && $0.contains("lifted_by=") }, "\(log.text)")
        #expect(lines.contains { $0.contains("camera=ir") } && !lines.contains { $0.contains("camera=ir") && $0.contains("lifted_by") })
        watcher.interrupt()
        await CLIRunner.waitForExit(watcher)
    }
}
