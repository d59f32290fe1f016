import Foundation
import Hummingbird
import ParkWatchStore

/// `GET/POST /api/bookings`, `GET/DELETE /api/bookings/{id}`.
struct BookingRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/bookings") { request, _ in try await list(Query(request)) }
        router.post("/api/bookings") { request, context in try await create(request, context: context) }
        router.get("/api/bookings/:id") { _, context in try await show(context.parameters.require("id")) }
        router.delete("/api/bookings/:id") { _, context in try await cancel(context.parameters.require("id")) }
    }

    var rules: BookingRules { BookingRules(directory: environment.directory, timeZone: environment.settings.timeZone) }

    func list(_ query: Query) async throws -> Response {
        let zone = environment.settings.timeZone
        let filter = BookingFilter(
            lot: query["lot"], space: query["space"],
            from: try OccupancyQuery.instant(query["from"], name: "from", timeZone: zone),
            to: try OccupancyQuery.instant(query["to"], name: "to", timeZone: zone),
            includeCancelled: try Self.flag(query["include_cancelled"], name: "include_cancelled"))
        return try JSONOutput.response(try await environment.bookings.bookings(matching: filter).map(BookingJSON.init))
    }

    /// A boolean query value: `true`, `false` or absent. Anything else is a mistake worth saying,
    /// not a silent `false`.
    static func flag(_ value: String?, name: String) throws -> Bool {
        switch value {
        case nil, "false": return false
        case "true": return true
        case let value?: throw WebError.badRequest("\(name) is true or false (got '\(value)')")
        }
    }

    func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let asked: BookingRequest
        do { asked = try await request.decode(as: BookingRequest.self, context: context) } catch {
            throw WebError.badRequest("send JSON {\"lot\",\"space\",\"start\",\"end\",\"holder\"} with Content-Type: application/json")
        }
        let booked = try await book(asked)
        return try JSONOutput.response(BookingJSON(booked), status: .created, headers: [.location: "/api/bookings/\(booked.id ?? 0)"])
    }

    /// Shared with the booking page: validate, then store unless it overlaps.
    func book(_ asked: BookingRequest) async throws -> BookingRecord {
        let booking = try await rules.booking(from: asked, now: environment.clock.now())
        switch try await environment.bookings.book(booking) {
        case .booked(let stored):
            environment.logger.info("booked", metadata: ["lot": "\(stored.lot)", "space": "\(stored.space)", "id": "\(stored.id ?? 0)"])
            return stored
        case .overlaps(let clashes):
            throw BookingRules.conflict(clashes, timeZone: environment.settings.timeZone)
        }
    }

    func show(_ id: String) async throws -> Response {
        guard let number = Int64(id), let booking = try await environment.bookings.booking(id: number) else {
            throw WebError.notFound("no booking \(id)")
        }
        return try JSONOutput.response(BookingJSON(booking))
    }

    func cancel(_ id: String) async throws -> Response {
        try JSONOutput.response(BookingJSON(try await cancelled(id)))
    }

    func cancelled(_ id: String) async throws -> BookingRecord {
        guard let number = Int64(id), let booking = try await environment.bookings.cancelBooking(id: number, at: environment.clock.now()) else {
            throw WebError.notFound("no booking \(id)")
        }
        return booking
    }
}
