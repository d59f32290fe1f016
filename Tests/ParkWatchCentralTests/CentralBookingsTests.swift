import Foundation
import Logging
import ParkWatchCentral
import ParkWatchStore
import ParkWatchTestSupport
import Testing

/// Bookings in a real PostgreSQL: the exclusion constraint, not a look before the insert, keeps
/// two live bookings of a space from overlapping, however many writers ask at once.
@Suite struct CentralBookingsTests {
    let server: PostgresServer

    init() async throws {
        server = try await PostgresServer()
    }

    static let noon = Date(timeIntervalSince1970: 1_780_000_000)

    func booking(_ space: String = "A1", from hours: Double, to end: Double, holder: String = "ann") -> BookingRecord {
        BookingRecord(
            lot: "east", space: space, startsAt: Self.noon + hours * 3600, endsAt: Self.noon + end * 3600, holder: holder, createdAt: Self.noon)
    }

    func withCentral(_ body: @escaping @Sendable (CentralDatabase) async throws -> Void) async throws {
        let server = server
        try await CentralDatabase.using(try CentralAddress(url: server.url), logger: Logger(label: "test"), connectWithin: .seconds(120)) { central in
            try await central.migrate()
            // Twelve writers at once on a two-core machine can wait far longer than a web request
            // would (`make test` runs this suite after the rest, on its own): the test is about who
            // wins, not how fast.
            var patient = central
            patient.requestTimeout = .seconds(300)
            do {
                try await body(patient)
            } catch {
                // What the server is doing while the pool still holds its sessions: a writer that
                // waits on it for minutes under the whole suite's load has been seen, not explained.
                Issue.record("\(error)\n\(await server.activity())")
            }
        }
    }

    @Test func anOverlapIsRefusedWithTheBookingItClashesWithAndTheEndIsFreeAgain() async throws {
        try await withCentral { central in
            guard case .booked(let first) = try await central.book(booking(from: 0, to: 2)) else { Issue.record("not booked"); return }
            #expect(first.id != nil)
            #expect(try await central.book(booking(from: 1, to: 3, holder: "bob")) == .overlaps([first]))
            guard case .booked = try await central.book(booking(from: 2, to: 3, holder: "bob")) else { Issue.record("the end instant is free"); return }
            guard case .booked = try await central.book(booking("A2", from: 0, to: 2)) else { Issue.record("another space"); return }

            let cancelled = try #require(try await central.cancelBooking(id: first.id!, at: Self.noon))
            #expect(cancelled.cancelledAt == Self.noon)
            #expect(try await central.cancelBooking(id: first.id!, at: Self.noon + 60)?.cancelledAt == Self.noon)
            #expect(try await central.cancelBooking(id: 999_999, at: Self.noon) == nil)
            guard case .booked = try await central.book(booking(from: 0, to: 1, holder: "cy")) else { Issue.record("cancelled frees"); return }
            #expect(try await central.bookings(matching: BookingFilter(lot: "east", space: "A1")).map(\.holder) == ["cy", "bob"])
            #expect(try await central.bookings(matching: BookingFilter(space: "A1", includeCancelled: true)).count == 3)
        }
    }

    @Test func ofManyWritersAskingAtOnceExactlyOneWins() async throws {
        try await withCentral { central in
            let outcomes = try await withThrowingTaskGroup(of: BookingOutcome.self) { group in
                for writer in 0..<12 {
                    group.addTask { try await central.book(booking(from: Double(writer % 3) * 0.25, to: 2, holder: "w\(writer)")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let won = outcomes.filter { if case .booked = $0 { true } else { false } }
            #expect(won.count == 1)
            #expect(try await central.bookings(matching: BookingFilter(space: "A1")).count == 1)
        }
    }
}
