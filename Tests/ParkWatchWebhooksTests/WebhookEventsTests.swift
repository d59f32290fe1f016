import Foundation
import ParkWatchConfig
import ParkWatchStore
@testable import ParkWatchWebhooks
import Testing

/// Which events a reading causes, for whom, with what in them.
@Suite struct WebhookEventsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func reading(occupied: Int, free: Int, unknown: Int = 0, changes: [SpaceChangeRecord] = []) -> WebhookEvents.Reading {
        let record = SpaceReadingRecord(
            camera: "cam1", capturedAt: now, total: occupied + free + unknown, occupied: occupied, free: free, unknown: unknown,
            freeSpaces: "[]", rawStates: "", rawConfidence: Data())
        return WebhookEvents.Reading(camera: "cam1", lot: "north", reading: record, changes: changes, before: ["A": "free"])
    }

    @Test func aLotIsFullAtItsThresholdAndAvailableOnlyBelowTheOther() {
        let target = WebhookConfig(url: "http://r/", events: ["lot_full", "lot_available"])
        let counter = Counter()
        let events = WebhookEvents(targets: [target], newID: counter.next)
        var states: [WebhookLotStateRecord] = []
        var sent: [String] = []
        // 18/20 = 0.90, 19/20 = 0.95 full, 0.93 still full, 0.90 available, 0.93 not yet full again.
        for (occupied, known) in [(18, 20), (19, 20), (28, 30), (18, 20), (28, 30), (20, 20)] {
            let (new, moved) = events.events(for: reading(occupied: occupied, free: known - occupied), lotStates: states, now: now)
            sent += new.map(\.event)
            for state in moved { states.removeAll { $0.lot == state.lot && $0.target == state.target }; states.append(state) }
        }
        #expect(sent == ["lot_full", "lot_available", "lot_full"])
        #expect(states == [WebhookLotStateRecord(target: "http://r/", lot: "north", full: true)])
    }

    @Test func onlyReceiversThatAskedGetAnEventButEveryReceiversLotStateMoves() throws {
        let changes = [SpaceChangeRecord(camera: "cam1", space: "A", at: now, state: "occupied", confidence: 0.97, photoId: 0)]
        let events = WebhookEvents(targets: [
            WebhookConfig(url: "http://spaces/", events: ["space_changed"]),
            WebhookConfig(url: "http://lots/", events: ["lot_available"]),
        ], newID: Counter().next)
        let (new, moved) = events.events(for: reading(occupied: 1, free: 0, changes: changes), lotStates: [], now: now)
        #expect(new.map(\.target) == ["http://spaces/"] && moved.count == 2)
        let body = try #require(new.first?.body)
        #expect(body == """
            {"at":"2027-01-15T08:00:00Z","camera":"cam1","confidence":0.97,"event":"space_changed","id":"event-1",\
            "lot":"north","previous":"free","space":"A","state":"occupied"}
            """)
    }

    @Test func aLotWithNoKnownSpaceSaysNothing() {
        let events = WebhookEvents(targets: [WebhookConfig(url: "http://r/", events: ["lot_full", "lot_available"])])
        let (new, moved) = events.events(for: reading(occupied: 0, free: 0, unknown: 4), lotStates: [], now: now)
        #expect(new.isEmpty && moved.isEmpty)
    }

    @Test func aSignatureIsTheBodysHMACAndNothingElseMatches() {
        let body = #"{"event":"lot_full"}"#
        let signature = WebhookSignature.sign(body, secret: "s3cret")
        // Computed independently: printf '%s' '{"event":"lot_full"}' | openssl dgst -sha256 -hmac s3cret
        #expect(signature == "sha256=" + OpenSSLReference.hmac(body, key: "s3cret"))
        #expect(WebhookSignature.verify(body, signature: signature, secret: "s3cret"))
        #expect(!WebhookSignature.verify(body, signature: signature, secret: "other"))
        #expect(!WebhookSignature.verify(body + " ", signature: signature, secret: "s3cret"))
    }
}

/// Stable ids for tests: event-1, event-2, …
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    @Sendable func next() -> String {
        lock.withLock {
            count += 1
            return "event-\(count)"
        }
    }
}

/// The signature as `openssl dgst` computes it, run as a separate program.
enum OpenSSLReference {
    static func hmac(_ body: String, key: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["dgst", "-sha256", "-hmac", key, "-r"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "openssl not found" }
        input.fileHandleForWriting.write(Data(body.utf8))
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix { $0 != " " })
    }
}
