import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchConfig

@Suite struct ConfigurationTests {
    @Test func emptyFileGivesTheDefaultsWithPathsFromTheFilesFolder() throws {
        for text in ["", "# only a comment\n", "---\n"] {
            let fixture = try ConfigFixture(text)
            var expected = Configuration.defaults.resolvingPaths(against: fixture.folder.url)
            expected.sourcePath = fixture.file.path
            let loaded = try fixture.load()
            #expect(loaded == expected)
            #expect(loaded.inbox == fixture.resolved("inbox"))
            #expect(loaded.database == fixture.resolved("parkwatch.sqlite"))
        }
    }

    @Test func defaultsAreTheDocumentedValues() {
        let defaults = Configuration.defaults
        #expect(defaults.inbox == "inbox" && defaults.archive == "archive" && defaults.database == "parkwatch.sqlite")
        // Linux Foundation names the UTC zone "GMT"; the zone is what matters.
        #expect(defaults.model == nil && defaults.timeZone == TimeZone(identifier: "UTC") && defaults.logLevel == "info")
        #expect(defaults.detector == DetectorConfig(
            scoreThreshold: 0.3, faintScoreThreshold: 0.15, nmsIoU: 0.45, tiles: TilesConfig(columns: 4, rows: 3, overlap: 0.25),
            tileWhenLongSideAbove: 640))
        #expect(defaults.spaces == SpacesConfig(
            classifier: nil, confirmPhotos: 2, confirmConfidence: 0.9, unknownBelow: 0.6, overlays: true))
        // Without `spaces.classifier`, the classifier follows the detector's rule: environment, then the working directory.
        #expect(defaults.classifierPath(environment: [:]) == "models/space-classifier/space_classifier.onnx")
        #expect(defaults.classifierPath(environment: ["PARKWATCH_CLASSIFIER": "/c.onnx"]) == "/c.onnx")
        #expect(defaults.retention.archiveDays == nil)
        #expect(defaults.web == WebConfig(host: "127.0.0.1", port: 8080, token: nil))
    }

    @Test func theDeployExampleValidates() throws {
        let example = TestResources.packageRoot.appendingPathComponent("deploy/parkwatch.example.yaml")
        let config = try ConfigurationLoader.load(example)
        #expect(config.inbox == "/var/lib/parkwatch/inbox")
        #expect(config.timeZone.identifier == "Europe/Paris")
        #expect(config.cameras.keys.sorted() == ["entrance", "roof"])
        let entrance = config.camera("entrance")
        #expect(entrance.lot == "north" && entrance.capacity == 40 && entrance.archiveDays == 30)
        #expect(entrance.timeZone.identifier == "America/Sao_Paulo")
        #expect(entrance.detector.scoreThreshold == 0.4 && entrance.detector.tiles == .defaults)
        #expect(config.camera("roof").detector.tiles == nil)
        #expect(config.camera("roof").archiveDays == 365)
        #expect(config.web.token == nil)
    }

    @Test func theFullExampleInTheDocsValidates() throws {
        let docs = try String(
            contentsOf: TestResources.packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        // The first fenced block after the heading; [1] is its text, starting with the `yaml` tag.
        let blocks = docs.components(separatedBy: "## Full example")[1].components(separatedBy: "```")
        let fixture = try ConfigFixture(String(blocks[1].dropFirst("yaml\n".count)))
        try fixture.touch("layouts/ufpr05.json")
        let config = try fixture.load()
        #expect(config.camera("cam1").detector.scoreThreshold == 0.4 && config.camera("cam2").every == 60)
    }

    @Test func anchorsAndAliasesWork() throws {
        let config = try parse("""
            detector: &shared {score_threshold: 0.45}
            cameras:
              cam1: {detector: *shared}
            """)
        #expect(config.detector.scoreThreshold == 0.45 && config.camera("cam1").detector == config.detector)
        #expect(parseIssues("a: &x {inbox: in}\n<<: *x\n").places == ["1 a", "2 <<"])
    }

    @Test func everyKeyIsRead() throws {
        let fixture = try ConfigFixture("""
            inbox: in
            archive: /data/archive
            database: db/pw.sqlite
            model: m/yolo.onnx
            timezone: Asia/Tokyo
            log_level: debug
            detector: {score_threshold: 0.5, adjusted_score_threshold: 0.4, nms_iou: 0.5, tiles: {columns: 4, rows: 3, overlap: 0.1}, tile_when_long_side_above: 800}
            spaces: {classifier: c.onnx, confirm_photos: 3, confirm_confidence: 0.95, unknown_below: 0.5, overlays: false, gating: false, full_pass_every: 60,
                     closer_look_tiles: 3}
            retention: {archive_days: 90}
            web: {host: 0.0.0.0, port: 9000, token: s3cret-token}
            """)
        let config = try fixture.load()
        #expect(config.inbox == fixture.resolved("in") && config.archive == "/data/archive")
        #expect(config.database == fixture.resolved("db/pw.sqlite") && config.model == fixture.resolved("m/yolo.onnx"))
        #expect(config.timeZone.identifier == "Asia/Tokyo" && config.logLevel == "debug")
        #expect(config.detector == DetectorConfig(
            scoreThreshold: 0.5, adjustedScoreThreshold: 0.4, nmsIoU: 0.5, tiles: TilesConfig(columns: 4, rows: 3, overlap: 0.1),
            tileWhenLongSideAbove: 800))
        #expect(config.spaces == SpacesConfig(
            classifier: fixture.resolved("c.onnx"), confirmPhotos: 3, confirmConfidence: 0.95,
            unknownBelow: 0.5, overlays: false, gating: false, fullPassEvery: 60, closerLookTiles: 3))
        #expect(config.retention.archiveDays == 90)
        #expect(config.web == WebConfig(host: "0.0.0.0", port: 9000, token: "s3cret-token"))
        #expect(config.sourcePath == fixture.file.path)
    }

    @Test func cameraOverridesMergeWithTheTopLevelDetector() throws {
        let config = try parse("""
            timezone: Europe/Berlin
            detector: {score_threshold: 0.35, tiles: {columns: 2, rows: 2, overlap: 0.2}}
            retention: {archive_days: 100}
            cameras:
              plain:
              tuned:
                timezone: America/Sao_Paulo
                archive_days: 7
                detector:
                  nms_iou: 0.6
                  tiles: {rows: 1}
              whole: {detector: {tiles: off}}
            """)
        let top = config.detector
        #expect(config.camera("plain") == CameraConfig(
            id: "plain", timeZone: config.timeZone, detector: top, archiveDays: 100))
        let tuned = config.camera("tuned")
        #expect(tuned.detector == DetectorConfig(
            scoreThreshold: 0.35, nmsIoU: 0.6, tiles: TilesConfig(columns: 2, rows: 1, overlap: 0.2)))
        #expect(tuned.timeZone.identifier == "America/Sao_Paulo" && tuned.archiveDays == 7)
        #expect(config.camera("whole").detector.tiles == nil)
        #expect(config.camera("whole").detector.scoreThreshold == 0.35)
    }

    /// On by default; off at the top, back on for one camera; an unconfigured camera inherits.
    @Test func lightCorrectionIsOnUnlessACameraOrTheTopLevelSaysOff() throws {
        #expect(Configuration.defaults.lightCorrection && Configuration.defaults.camera("any").lightCorrection)
        let config = try parse("""
            light_correction: false
            cameras:
              ir: {}
              colour: {light_correction: true}
            """)
        #expect(!config.lightCorrection && !config.camera("ir").lightCorrection && !config.camera("unlisted").lightCorrection)
        #expect(config.camera("colour").lightCorrection)
        let issues = parseIssues("cameras: {cam1: {light_correction: sometimes}}")
        #expect(issues.places == ["1 cameras.cam1.light_correction"] && issues.first?.message == "must be true or false (got `sometimes`)")
    }

    @Test func tilesCanBeSwitchedOffAtTheTopAndBackOnForOneCamera() throws {
        let config = try parse("""
            detector: {tiles: off}
            cameras:
              wide: {detector: {tiles: on}}
              custom: {detector: {tiles: {columns: 5}}}
            """)
        #expect(config.detector.tiles == nil)
        #expect(config.camera("wide").detector.tiles == .defaults)
        #expect(config.camera("custom").detector.tiles == TilesConfig(columns: 5, rows: 3, overlap: 0.25))
    }

    @Test func unconfiguredCamerasInheritTheTopLevelSettings() throws {
        let config = try parse("timezone: Asia/Kolkata\ndetector: {score_threshold: 0.2}\nretention: {archive_days: 5}")
        let camera = config.camera("default")
        #expect(camera == CameraConfig(
            id: "default", layout: nil, lot: "default", timeZone: TimeZone(identifier: "Asia/Kolkata")!,
            detector: DetectorConfig(scoreThreshold: 0.2), archiveDays: 5))
    }

    @Test func relativeLayoutPathsResolveAgainstTheConfigFilesFolder() throws {
        let fixture = try ConfigFixture("""
            cameras:
              cam1: {layout: layouts/ufpr05.json, lot: ufpr05}
              cam2: {layout: ../outside.json}
            """, at: "etc/parkwatch.yaml")
        try fixture.touch("etc/layouts/ufpr05.json")
        try fixture.touch("outside.json")
        let config = try fixture.load()
        #expect(config.camera("cam1").layout == fixture.resolved("etc/layouts/ufpr05.json"))
        #expect(config.camera("cam2").layout == fixture.resolved("outside.json"))
        #expect(config.camera("cam1").lot == "ufpr05" && config.camera("cam2").lot == "cam2")
    }

    @Test func loadNamesTheFileAsGiven() throws {
        let fixture = try ConfigFixture("web: {port: 0}\n")
        let folder = URL(fileURLWithPath: fixture.folder.url.path, isDirectory: true)
        let relative = URL(fileURLWithPath: "parkwatch.yaml", relativeTo: folder)
        #expect(throws: ConfigError.invalid([ConfigIssue(
            file: "parkwatch.yaml", line: 1, path: "web.port", message: "must be between 1 and 65535 (got 0)")])) {
            try ConfigurationLoader.load(relative)
        }
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let fixture = try ConfigFixture("")
        try Data([0xEF, 0xBB, 0xBF] + Array("web: {port: 9090}\n".utf8)).write(to: fixture.file)
        #expect(try fixture.load().web.port == 9090)
    }

    @Test func modelPathFallsBackToTheEnvironmentThenTheDefault() throws {
        let none = Configuration.defaults
        #expect(none.modelPath(environment: [:]) == "models/yolox_nano.onnx")
        #expect(none.modelPath(environment: ["PARKWATCH_MODEL": "/m.onnx"]) == "/m.onnx")
        let set = try parse("model: /opt/m.onnx")
        #expect(set.modelPath(environment: ["PARKWATCH_MODEL": "/m.onnx"]) == "/opt/m.onnx")
    }

    @Test func nullValuesMeanNotSetAndQuotedNumbersAreText() throws {
        let config = try parse("""
            inbox: ~
            detector:
            web: {token: null, port: ~}
            cameras:
              "2024": {lot: 7}
            """)
        #expect(config.inbox == "/srv/pw/inbox" && config.detector == .defaults && config.web == .defaults)
        #expect(config.camera("2024").lot == "7")
    }
}
