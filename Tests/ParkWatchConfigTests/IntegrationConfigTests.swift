import Foundation
import Testing
@testable import ParkWatchConfig

@Suite struct WebhookConfigTests {
    @Test func webhooksAreReadWithTheirDefaults() throws {
        let config = try parse("""
            webhooks:
              - url: https://ops.example/parking
                events: [lot_full, lot_available]
                secret: s3cret
                full_at: 0.9
                available_at: 0.8
              - url: http://127.0.0.1:9000/hook
                events: [space_changed]
                min_interval: 5
            """)
        #expect(config.webhooks == [
            WebhookConfig(url: "https://ops.example/parking", events: ["lot_full", "lot_available"], secret: "s3cret", fullAt: 0.9, availableAt: 0.8),
            WebhookConfig(url: "http://127.0.0.1:9000/hook", events: ["space_changed"], minInterval: 5),
        ])
        #expect(config.webhooks[1].fullAt == 0.95 && config.webhooks[1].availableAt == 0.9)
    }

    @Test func eachMistakeIsNamedByItsField() {
        let issues = parseIssues("""
            webhooks:
              - url: ftp://ops.example/x
                events: [lot_full, lot_emptied]
              - url: https://ops.example/y
                events: [lot_full]
                full_at: 0.8
                available_at: 0.85
              - events: [lot_full]
              - url: https://ops.example/z
                events: lot_full
            """)
        #expect(issues.places == ["2 webhooks.0.url", "3 webhooks.0.events.1", "7 webhooks.1.available_at", "8 webhooks.2", "10 webhooks.3.events"])
        #expect(issues[0].message == "must be an http:// or https:// URL (got `ftp://ops.example/x`)")
        #expect(issues[1].message.hasPrefix("must be one of lot_full, lot_available, space_changed"))
        #expect(issues[2].message.contains("must be below full_at"))
        #expect(issues[3].message == "a webhook needs a url and a list of events")
    }

    @Test func aMappingInsteadOfAListIsRefused() {
        let issues = parseIssues("webhooks:\n  url: https://ops.example/x\n")
        #expect(issues.places == ["1 webhooks"])
    }
}

@Suite struct MQTTConfigTests {
    @Test func theBrokerIsReadWithItsDefaults() throws {
        let config = try parse("mqtt:\n  url: mqtts://pw:secret@broker.example\n  qos: 2\n")
        #expect(config.mqtt == MQTTConfig(url: "mqtts://pw:secret@broker.example", prefix: "parkwatch", discovery: true, qos: 2))
        #expect(try parse("inbox: in\n").mqtt == nil)
    }

    @Test func aBadURLIsNamedWithoutRepeatingItsPassword() {
        let issues = parseIssues("mqtt:\n  url: http://pw:secret@broker\n  prefix: a/#\n  qos: 3\n")
        #expect(issues.places == ["2 mqtt.url", "3 mqtt.prefix", "4 mqtt.qos"])
        #expect(!issues[0].message.contains("secret"))
    }

    @Test func checkConfigShowsTheBrokerWithoutItsPassword() throws {
        let config = try parse("mqtt:\n  url: mqtt://pw:secret@broker.example:1884\n")
        let summary = ConfigSummary.lines(config, environment: [:])
        #expect(summary.contains("mqtt: mqtt://broker.example:1884, prefix parkwatch, discovery on, qos 1"))
        #expect(!summary.joined().contains("secret"))
    }
}

@Suite struct CentralConfigTests {
    @Test func theSiteAndURLAreReadAndTheEnvironmentGivesTheURLTheFileLeavesOut() throws {
        let config = try parse("central:\n  url: postgres://pw:secret@db.example:5433/parkwatch?sslmode=require\n  site: north\n")
        #expect(config.central == CentralConfig(url: "postgres://pw:secret@db.example:5433/parkwatch?sslmode=require", site: "north"))
        let fromEnvironment = try #require(try parse("central:\n  site: south\n").central)
        #expect(fromEnvironment.resolvedURL(environment: [:]) == nil)
        #expect(fromEnvironment.resolvedURL(environment: ["PARKWATCH_CENTRAL_URL": "postgres://u@h/d"]) == "postgres://u@h/d")
        #expect(try parse("inbox: in\n").central == nil)
    }

    @Test func aBadURLOrSiteIsNamedWithoutRepeatingThePassword() {
        let issues = parseIssues("central:\n  url: mysql://pw:secret@db\n  site: no/slash\n")
        #expect(issues.places == ["2 central.url", "3 central.site"])
        #expect(!issues.map(\.message).joined().contains("secret"))
        #expect(parseIssues("central:\n  url: postgres://pw:secret@db/p?sslmode=always\n  site: n\n")[0].message.contains("sslmode"))
        #expect(parseIssues("central:\n  url: postgres://db/p\n").places == ["1 central"])
    }

    @Test func checkConfigShowsTheDatabaseWithoutItsPassword() throws {
        let config = try parse("central:\n  url: postgres://pw:secret@db.example/parkwatch\n  site: north\n")
        let summary = ConfigSummary.lines(config, environment: [:])
        #expect(summary.contains("central: site north, postgres://db.example/parkwatch"))
        #expect(!summary.joined().contains("secret"))
    }
}
