import Foundation
import Hummingbird
import ParkWatchStore

/// The fields the booking page posts. Optional, so a missing field gets a sentence, not a 400 dump.
struct BookingForm: Decodable {
    var place: String?
    var start: String?
    var end: String?
    var holder: String?
    var csrf: String?
}

/// `/booking`: the page, its form post, and cancelling from the list. Posts answer with a
/// redirect (so reloading does not book twice) or the page again with what was typed and why
/// it failed.
struct BookingPageRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/booking") { request, _ in try await page(Query(request)) }
        router.post("/booking") { request, _ in try await submit(request) }
        router.post("/booking/:id/cancel") { request, context in try await cancel(request, id: context.parameters.require("id")) }
    }

    private var shell: PageShell { PageRoutes(environment: environment).shell }
    private var api: BookingRoutes { BookingRoutes(environment: environment) }

    func page(_ query: Query) async throws -> Response {
        let now = environment.clock.now()
        var values = defaults(now: now)
        if let lot = query["lot"] {
            let space = try? await environment.directory.lot(lot).spaceIDs.first
            values.place = "\(lot)/\(query["space"] ?? space ?? "")"
        }
        return try await render(values, notice: try await notice(query, now: now), status: .ok, now: now)
    }

    func submit(_ request: Request) async throws -> Response {
        let now = environment.clock.now()
        let form = try await decodeForm(request)
        let values = BookingFormValues(place: form.place ?? "", start: form.start ?? "", end: form.end ?? "", holder: form.holder ?? "")
        guard environment.forms.isValid(form.csrf, now: now) else {
            return try await render(values, notice: .bad("This form has expired. Please check the details and book again."), status: .forbidden, now: now)
        }
        let parts = values.place.split(separator: "/", maxSplits: 1).map(String.init)
        let asked = BookingRequest(lot: parts.first ?? "", space: parts.count > 1 ? parts[1] : "", start: values.start, end: values.end, holder: values.holder)
        do {
            let booked = try await api.book(asked)
            return .redirect(to: "/booking?booked=\(booked.id ?? 0)", type: .normal)
        } catch let error as WebError {
            let message = error.description.prefix(1).uppercased() + error.description.dropFirst()
            return try await render(values, notice: .bad(message + "."), status: ErrorMiddleware.status(of: error), now: now)
        }
    }

    func cancel(_ request: Request, id: String) async throws -> Response {
        let form = try await decodeForm(request)
        guard environment.forms.isValid(form.csrf, now: environment.clock.now()) else {
            throw WebError.forbidden("this page has expired; reload it and try again")
        }
        let booking = try await api.cancelled(id)
        return .redirect(to: "/booking?cancelled=\(booking.id ?? 0)", type: .normal)
    }

    private func decodeForm(_ request: Request) async throws -> BookingForm {
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        do { return try URLEncodedFormDecoder().decode(BookingForm.self, from: String(buffer: body)) } catch {
            throw WebError.badRequest("the form could not be read")
        }
    }

    /// From the current minute, for two hours: what someone about to park wants.
    private func defaults(now: Date) -> BookingFormValues {
        let time = TimeText(timeZone: environment.settings.timeZone)
        return BookingFormValues(start: time.inputValue(now), end: time.inputValue(now + 7200))
    }

    private func notice(_ query: Query, now: Date) async throws -> Notice? {
        let time = TimeText(timeZone: environment.settings.timeZone)
        if let id = query["booked"].flatMap({ Int64($0) }), let booking = try await environment.bookings.booking(id: id) {
            return .ok("Booked space \(booking.space) in \(booking.lot) for \(booking.holder), \(time.short(booking.startsAt, now: now)) to \(time.short(booking.endsAt, now: now)).")
        }
        if let id = query["cancelled"].flatMap({ Int64($0) }), let booking = try await environment.bookings.booking(id: id) {
            return .ok("Cancelled the booking of space \(booking.space) in \(booking.lot) for \(booking.holder).")
        }
        return nil
    }

    private func render(_ values: BookingFormValues, notice: Notice?, status: HTTPResponse.Status, now: Date) async throws -> Response {
        let bookings = try await environment.bookings.bookings(matching: BookingFilter(from: now))
        let view = BookingView(time: TimeText(timeZone: environment.settings.timeZone))
        var content = view.content(
            lots: try await environment.directory.lots(), bookings: bookings, form: values, notice: notice,
            token: environment.forms.issue(now: now), now: now)
        if environment.apiToken.isRequired {
            content = "<p class=\"hint\">Booking and cancelling need a <a href=\"/signin\">sign-in</a> with this server's token.</p>\n" + content
        }
        return shell.html(shell.page(title: "Booking", section: .booking, content: content, now: now), status: status)
    }
}
