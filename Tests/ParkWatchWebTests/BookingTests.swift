import Foundation
import Hummingbird
import HummingbirdTesting
@testable import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// `POST/GET/DELETE /api/bookings` and what a booking does to a lot's status.
@Suite struct BookingTests {
    @Test func aBookingCoveringNowMakesTheSpaceReserved() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            let created = try await client.book("A2", from: -30, to: 90)
            #expect(created.status == .created)
            let booking = created.object
            let id = try #require(booking["id"] as? Int)
            #expect(created.headers[.location] == "/api/bookings/\(id)")
            #expect(booking["start"] as? String == "2026-05-01T10:00:00Z", "a start in the past means from now")
            #expect(booking["cancelled_at"] is NSNull)
            let status = try await client.send("/api/lots/north/status", .get).object
            let spaces = try #require(status["spaces"] as? [[String: Any]])
            #expect(spaces.first { $0["id"] as? String == "A2" }?["reserved"] as? Bool == true)
            #expect(status["free_spaces"] as? [String] == ["A3"], "a reserved space is not free to take")
            #expect(status["reserved"] as? Int == 1)
            #expect(try await client.send("/api/bookings/\(id)", .get).object["space"] as? String == "A2")
            #expect(try await client.send("/api/bookings?lot=north", .get).array.count == 1)
        }
    }

    @Test func cancellingFreesTheSpaceAndKeepsTheRecord() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let id = try #require(try await client.book("A3", from: 0, to: 60).object["id"] as? Int)
            let cancelled = try await client.send("/api/bookings/\(id)", .delete)
            #expect(cancelled.status == .ok && cancelled.object["cancelled_at"] as? String == "2026-05-01T10:00:00Z")
            #expect(try await client.send("/api/bookings", .get).array.isEmpty)
            #expect(try await client.send("/api/bookings?include_cancelled=true", .get).array.count == 1)
            #expect(try await client.book("A3", from: 0, to: 60).status == .created, "the space is free again")
            #expect(try await client.send("/api/bookings/9999", .delete).status == .notFound)
        }
    }

    @Test func overlappingBookingsOfOneSpaceAreRefused() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            #expect(try await client.book("A1", from: 60, to: 120).status == .created)
            let clash = try await client.book("A1", from: 90, to: 150)
            #expect(clash.status == .conflict)
            #expect(clash.object["error"] as? String == "space A1 is already booked from Fri 1 May 2026, 11:00 to Fri 1 May 2026, 12:00")
            #expect(try await client.book("A1", from: 120, to: 180).status == .created, "back to back is fine")
            #expect(try await client.book("A2", from: 90, to: 150).status == .created, "another space is fine")
        }
    }

    @Test func badRangesAre400AndUnknownPlaces404() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let past = try await client.book("A1", from: -120, to: -60)
            #expect(past.status == .badRequest && past.object["error"] as? String == "that time range is in the past")
            let backwards = try await client.book("A1", from: 120, to: 60)
            #expect(backwards.status == .badRequest && backwards.object["error"] as? String == "the end must be after the start")
            #expect(try await client.book("A1", from: 0, to: 60 * 24 * 40).status == .badRequest)
            #expect(try await client.book("Z9", from: 0, to: 60).status == .notFound)
            #expect(try await client.book("A1", from: 0, to: 60, lot: "nowhere").status == .notFound)
            let garbage = try await client.execute(uri: "/api/bookings", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{"))
            #expect(garbage.status == .badRequest && garbage.object["error"] != nil)
            let badTime = try await client.send("/api/bookings", .post, json: ["lot": "north", "space": "A1", "start": "soon", "end": "later", "holder": "x"])
            #expect(badTime.status == .badRequest)
        }
    }

    @Test func aVehicleInASpaceBookedSoonButNotNowIsFlagged() async throws {
        let fixture = try WebFixture()
        try await fixture.seedReadings()
        try await fixture.app().test(.router) { client in
            #expect(try await client.book("A1", from: 30, to: 90).status == .created)
            let spaces = try #require(try await client.send("/api/lots/north/status", .get).object["spaces"] as? [[String: Any]])
            let a1 = try #require(spaces.first { $0["id"] as? String == "A1" })
            #expect(a1["flag"] as? String == "occupied_without_booking")
            #expect(a1["reserved"] as? Bool == false)
            #expect((a1["next_booking"] as? [String: Any])?["holder"] as? String == "Ada")
            #expect(spaces.filter { $0["flag"] is String }.count == 1)
            #expect(try await client.send("/lots/north", .get).text.contains("occupied without booking"))
        }
    }

    /// Many requests at once for overlapping times of one space: exactly one wins.
    @Test func concurrentRequestsNeverDoubleBook() async throws {
        let fixture = try WebFixture()
        try await fixture.app().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<16 {
                    group.addTask { try await client.book("A4", from: Double(index), to: Double(index) + 60).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 15)
        }
        #expect(try await fixture.store.bookings(matching: .init(space: "A4")).count == 1)
    }

    /// Two connections to one file, as two processes would have: the transaction and the
    /// trigger keep the rule even when the web layer's check is bypassed.
    @Test func theDatabaseRefusesOverlapsFromAnyWriter() async throws {
        let fixture = try WebFixture()
        let other = try ParkWatchDatabase(path: fixture.folder.path("parkwatch.sqlite").path)
        let start = WebFixture.now
        let outcomes = try await withThrowingTaskGroup(of: BookingOutcome.self) { group in
            for (index, store) in [fixture.store, other, fixture.store, other].enumerated() {
                group.addTask {
                    try await store.book(BookingRecord(
                        lot: "north", space: "A1", startsAt: start + Double(index) * 60, endsAt: start + 3600,
                        holder: "h\(index)", createdAt: start))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .booked = $0 { true } else { false } }.count == 1)
        await #expect(throws: StoreError.database(reason: "booking_overlap")) {
            try await fixture.store.write { db in
                var row = BookingRecord(lot: "north", space: "A1", startsAt: start + 600, endsAt: start + 660, holder: "raw", createdAt: start)
                try row.insert(db)
            }
        }
    }
}
