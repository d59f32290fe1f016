import Foundation
import ParkWatchTestSupport
import Testing
@testable import ParkWatchConfig

@Suite struct ConfigErrorTests {
    @Test func unknownTopLevelKeyListsTheAllowedKeys() {
        let issues = parseIssues("inbox: in\nlogLevel: info\ncolour: red\n")
        #expect(issues.places == ["2 logLevel", "3 colour"])
        #expect(issues[0].message.hasPrefix("unknown key; did you mean `log_level`?"))
        #expect(issues[1].description == "parkwatch.yaml:3: colour: unknown key (allowed here: inbox, archive, "
            + "database, model, timezone, log_level, detector, spaces, light_correction, cameras, retention, web, webhooks, mqtt, central)")
    }

    @Test func unknownNestedKeysNameTheirFullPath() {
        let issues = parseIssues("""
            detector:
              score: 0.3
            cameras:
              cam1:
                detector:
                  tiles: {columns: 2, colums: 3}
                zoom: 2
            web: {hots: x}
            """)
        #expect(issues.places == [
            "2 detector.score", "6 cameras.cam1.detector.tiles.colums", "7 cameras.cam1.zoom", "8 web.hots",
        ])
        #expect(issues[1].message == "unknown key (allowed here: columns, rows, overlap)")
    }

    @Test func badGatingSettingsNameTheirField() {
        let issues = parseIssues("""
            spaces:
              gating: maybe
              full_pass_every: 0
              closer_look_tiles: 0
            """)
        #expect(issues.places == ["2 spaces.gating", "3 spaces.full_pass_every", "4 spaces.closer_look_tiles"])
        #expect(issues[1].message == "must be greater than 0 (got 0)")
        #expect(issues[2].message.contains("1") && issues[2].message.contains("256"), "\(issues[2].message)")
    }

    @Test func wrongTypesAreReported() {
        let issues = parseIssues("""
            inbox: [a, b]
            detector:
              score_threshold: high
              tiles: 3
              tile_when_long_side_above: 640.5
            spaces:
              overlays: maybe
              confirm_photos: "2"
            cameras: [cam1]
            web:
              host: {a: 1}
              port: 80.0
            retention: 30
            """)
        #expect(issues.places == [
            "1 inbox", "3 detector.score_threshold", "4 detector.tiles", "5 detector.tile_when_long_side_above",
            "7 spaces.overlays", "8 spaces.confirm_photos", "9 cameras", "11 web.host", "12 web.port", "13 retention",
        ])
        #expect(issues[1].message == "must be a number (got `high`)")
        #expect(issues[4].message == "must be true or false (got `maybe`)")
        #expect(issues[6].message == "must be a mapping of keys to values (got a list)")
    }

    @Test func outOfRangeValuesAreReported() {
        let issues = parseIssues("""
            timezone: UTC
            detector: {score_threshold: 1.7, nms_iou: -0.1, faint_score_threshold: 2, adjusted_score_threshold: -1}
            spaces: {confirm_photos: 0, unknown_below: .nan}
            cameras:
              cam1:
                detector: {tiles: {columns: 0, overlap: 0.95}}
                every: 0
                capacity: -3
            retention: {archive_days: 0}
            web: {port: 70000}
            """)
        #expect(issues.places == [
            "2 detector.score_threshold", "2 detector.nms_iou", "2 detector.faint_score_threshold",
            "2 detector.adjusted_score_threshold", "3 spaces.confirm_photos", "3 spaces.unknown_below",
            "6 cameras.cam1.detector.tiles.columns", "6 cameras.cam1.detector.tiles.overlap", "7 cameras.cam1.every",
            "8 cameras.cam1.capacity", "9 retention.archive_days", "10 web.port",
        ])
        #expect(issues[0].description == "parkwatch.yaml:2: detector.score_threshold: must be between 0 and 1 (got 1.7)")
        #expect(issues[2].message == "must be between 0 and 1 (got 2)")
        #expect(issues[3].message == "must be between 0 and 1 (got -1)")
        #expect(issues[4].message == "must be between 1 and 100 (got 0)")
        #expect(issues[8].message == "must be greater than 0 (got 0)")
    }

    @Test func unknownTimeZonesAndLogLevelsAreReported() {
        let issues = parseIssues("""
            timezone: Mars/Olympus_Mons
            log_level: verbose
            cameras:
              cam1: {timezone: Europe/Atlantis}
            """)
        #expect(issues.places == ["1 timezone", "2 log_level", "4 cameras.cam1.timezone"])
        #expect(issues[0].message.hasPrefix("unknown time zone `Mars/Olympus_Mons`"))
        #expect(issues[1].message == "must be one of trace, debug, info, notice, warning, error, critical (got `verbose`)")
    }

    @Test func badCameraAndLotIdsAreReported() {
        let issues = parseIssues("""
            cameras:
              good-cam_1.2: {}
              "cam 2": {}
              ../etc: {}
              .hidden: {}
              \(String(repeating: "x", count: 65)): {}
              cam3: {lot: "north lot"}
            """)
        #expect(issues.places == [
            "3 cameras.cam 2", "4 cameras.../etc", "5 cameras..hidden", "6 cameras.\(String(repeating: "x", count: 65))",
            "7 cameras.cam3.lot",
        ])
        #expect(issues[0].message == "`cam 2` is not a valid id: use 1 to 64 of A-Z a-z 0-9 . _ - and do not start with a dot")
    }

    @Test func missingLayoutFileIsReportedWithItsResolvedPath() throws {
        let fixture = try ConfigFixture("""
            cameras:
              cam1:
                layout: layouts/missing.json
              cam2:
                layout: layouts
            """)
        try fixture.folder.folder("layouts")
        let issues = fixture.issues()
        #expect(issues.places == ["3 cameras.cam1.layout", "5 cameras.cam2.layout"])
        #expect(issues[0].message.hasPrefix("layout file not found: \(fixture.resolved("layouts/missing.json"))"))
        #expect(issues[0].file == fixture.file.path)
        #expect(issues[1].message.contains("is a folder"))
    }

    @Test func yamlSyntaxErrorsReportTheirLine() {
        let cases: [(String, Int)] = [
            ("inbox: in\ndetector:\n  score_threshold: 0.3\n nms_iou: 0.5\n", 4),
            ("inbox: in\nweb: {host: x, port: 8080\n", 3),
            ("inbox: in\narchive: \"open\n", 3),
            ("inbox: in\n\tarchive: x\n", 2),
            ("inbox: *nowhere\n", 1),
            ("inbox: in\n---\narchive: out\n", 2),
        ]
        for (text, line) in cases {
            let issues = parseIssues(text)
            #expect(issues.count == 1)
            #expect(issues.first?.line == line, "\(text)")
            #expect(issues.first?.message.hasPrefix("YAML syntax error: ") == true)
        }
        #expect(parseIssues("a: {b: c\n").first?.message
            == "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 1)")
    }

    @Test func everyErrorInTheFileIsReportedInLineOrder() {
        let issues = parseIssues("""
            inbox: in
            archive: in/archive
            timezone: Nowhere
            detector: {score_threshold: 2}
            cameras:
              bad id: {}
              cam1: {detector: {nms_iou: x}, colour: red}
            web: {port: 0}
            """)
        #expect(issues.places == [
            "2 archive", "3 timezone", "4 detector.score_threshold", "6 cameras.bad id",
            "7 cameras.cam1.detector.nms_iou", "7 cameras.cam1.colour", "8 web.port",
        ])
        #expect(ConfigError.invalid(issues).description.split(separator: "\n").count == 7)
    }

    @Test func rulesAcrossKeysAreChecked() {
        let issues = parseIssues("""
            inbox: .
            spaces: {confirm_confidence: 0.5, unknown_below: 0.7}
            cameras:
              cam1: {capacity: 10, layout: /nonexistent/l.json}
              cam2: {stream: not a url}
            detector: {score_threshold: 0.3}
            detector: {score_threshold: 0.4}
            """)
        #expect(issues.places == [
            "1 inbox", "1 inbox", "2 spaces.unknown_below", "4 cameras.cam1.capacity", "4 cameras.cam1.layout",
            "5 cameras.cam2.stream", "7 detector",
        ])
        #expect(issues[0].message.hasPrefix("the archive (/srv/pw/archive) must not be the inbox or inside it"))
        #expect(issues[6].message == "repeated key (first at line 6)")
    }

    @Test func aDocumentThatIsNotAMappingIsReported() {
        #expect(parseIssues("- inbox\n- archive\n").map(\.description)
            == ["parkwatch.yaml:1: must be a mapping of keys to values (got a list)"])
        #expect(parseIssues("yes\n").map(\.description)
            == ["parkwatch.yaml:1: must be a mapping of keys to values (got `yes`)"])
    }

    @Test func unreadableFilesAreNotInvalidOnes() throws {
        let folder = try TemporaryFolder("config")
        #expect(throws: ConfigError.unreadable(path: folder.path("nope.yaml").path, reason: "no such file")) {
            try ConfigurationLoader.load(folder.path("nope.yaml"))
        }
        try Data([0x69, 0x6e, 0xff, 0xfe]).write(to: folder.path("binary.yaml"))
        #expect(throws: ConfigError.unreadable(path: folder.path("binary.yaml").path, reason: "not UTF-8 text")) {
            try ConfigurationLoader.load(folder.path("binary.yaml"))
        }
    }

    @Test func booleansWhereTextIsExpectedAskForQuotes() {
        let issues = parseIssues("cameras:\n  cam1: {lot: no}\n")
        #expect(issues.places == ["2 cameras.cam1.lot"])
        #expect(issues[0].message.contains("put it in quotes"))
    }
}
