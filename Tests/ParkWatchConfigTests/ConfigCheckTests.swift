import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchConfig

@Suite struct ConfigCheckTests {
    @Test func aValidFileSummarisesTheEffectiveSettings() throws {
        let fixture = try ConfigFixture("""
            detector: {score_threshold: 0.3}
            cameras:
              cam1: {layout: l.json, detector: {tiles: off}}
              cam2: {capacity: 12, light_correction: false}
            """)
        try fixture.touch("l.json")
        let report = ConfigCheck.run(fixture.file, environment: [:])
        #expect(report.isValid && report.exitCode == 0 && report.errors.isEmpty)
        #expect(report.summary.first == "\(fixture.file.path): OK")
        #expect(report.summary.contains("cameras: 2"))
        #expect(report.summary.contains("  cam1: lot cam1, layout \(fixture.resolved("l.json")), detector: "
            + "score_threshold 0.3 (faint from 0.15, 0.25 in adjusted or crowded frames), nms_iou 0.45, tiles off"))
        #expect(report.summary.contains("  cam2: lot cam2, capacity 12, light correction off"))
        #expect(report.summary.contains("light correction: on"))
        #expect(report.summary.contains("model: models/yolox_nano.onnx (default)"))
    }

    @Test func missingModelFilesAreWarningsNotErrors() throws {
        let fixture = try ConfigFixture("""
            model: nowhere.onnx
            spaces: {classifier: nothing.onnx}
            cameras: {cam1: {layout: l.json}}
            """)
        try fixture.touch("l.json")
        let report = ConfigCheck.run(fixture.file, environment: [:])
        #expect(report.exitCode == 0)
        #expect(report.warnings == [
            "warning: detector model not found: \(fixture.resolved("nowhere.onnx"))",
            "warning: spaces.classifier not found: \(fixture.resolved("nothing.onnx"))",
        ])
    }

    @Test func anInvalidFileListsEveryErrorAndFails() throws {
        let fixture = try ConfigFixture("web: {port: 0}\nlog_level: loud\n")
        let report = ConfigCheck.run(fixture.file, environment: [:])
        #expect(!report.isValid && report.exitCode == 1 && report.summary.isEmpty)
        #expect(report.errors == [
            "\(fixture.file.path):1: web.port: must be between 1 and 65535 (got 0)",
            "\(fixture.file.path):2: log_level: must be one of trace, debug, info, notice, warning, error, critical (got `loud`)",
            "2 error(s)",
        ])
    }

    @Test func aMissingFileFails() throws {
        let folder = try TemporaryFolder("config")
        let report = ConfigCheck.run(folder.path("absent.yaml"), environment: [:])
        #expect(report.exitCode == 1)
        #expect(report.errors == ["\(folder.path("absent.yaml").path): cannot read the configuration: no such file"])
    }
}
