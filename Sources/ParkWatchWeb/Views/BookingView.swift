import Foundation
import ParkWatchStore

/// What the booking form holds: what was typed, or the defaults (from now, for two hours).
struct BookingFormValues: Sendable {
    var place = ""
    var start = ""
    var end = ""
    var holder = ""
}

/// A line above the form: what just happened.
enum Notice: Sendable {
    case ok(String)
    case bad(String)

    var html: String {
        switch self {
        case .ok(let text): "<div class=\"notice ok\" role=\"status\" id=\"notice\">\(h(text))</div>"
        case .bad(let text): "<div class=\"notice bad\" role=\"alert\" id=\"notice\">\(h(text))</div>"
        }
    }
}

/// `/booking`: reserve a space for a time range; list and cancel the bookings not yet over.
struct BookingView: Sendable {
    let time: TimeText

    func content(lots: [LotDefinition], bookings: [BookingRecord], form: BookingFormValues, notice: Notice?, token: String, now: Date) -> String {
        """
        <div class="page-head"><div><h1>Booking</h1><p>Reserve a space for a time range. Times are in \(h(time.timeZone.identifier)).</p></div></div>
        \(notice?.html ?? "")
        <div class="booking-layout">
          <section class="card">
            <h2>Reserve a space</h2>
            \(formHTML(lots: lots, values: form, token: token))
          </section>
          <section class="card">
            <h2>Bookings</h2>
            \(listHTML(bookings, token: token, now: now))
          </section>
        </div>
        """
    }

    private func formHTML(lots: [LotDefinition], values: BookingFormValues, token: String) -> String {
        let groups: String = lots.filter { !$0.spaceIDs.isEmpty }.map { lot -> String in
            let options: String = lot.spaceIDs.map { space -> String in
                let value = "\(lot.id)/\(space)"
                return "<option value=\"\(h(value))\"\(value == values.place ? " selected" : "")>\(h(lot.id)) · space \(h(space))</option>"
            }.joined()
            return "<optgroup label=\"\(h(lot.id))\">\(options)</optgroup>"
        }.joined()
        guard !groups.isEmpty else { return "<p class=\"empty-state\">No lot has a space layout yet, so there is nothing to book.</p>" }
        return """
            <form class="stack" method="post" action="/booking" id="booking-form">
              <input type="hidden" name="csrf" value="\(h(token))">
              <label>Space<select name="place" id="place" required>\(groups)</select></label>
              <div class="row">
                <label>From<input type="datetime-local" name="start" id="start" value="\(h(values.start))" required></label>
                <label>Until<input type="datetime-local" name="end" id="end" value="\(h(values.end))" required></label>
              </div>
              <label>For<input type="text" name="holder" id="holder" value="\(h(values.holder))" maxlength="80" placeholder="Name or plate" required>\
              <span class="hint">Shown on the lot page while the booking holds the space.</span></label>
              <button type="submit" id="book">Book this space</button>
            </form>
            """
    }

    private func listHTML(_ bookings: [BookingRecord], token: String, now: Date) -> String {
        guard !bookings.isEmpty else { return "<p class=\"empty-state\">No bookings yet.</p>" }
        let rows: String = bookings.map { booking -> String in
            let id = booking.id ?? 0
            let state = booking.covers(now) ? " <span class=\"pill reserved\">now</span>" : ""
            return """
                <tr data-booking="\(id)"><td><a href="/lots/\(urlSegment(booking.lot))">\(h(booking.lot))</a></td>\
                <td class="space-id">\(h(booking.space))\(state)</td><td class="nowrap">\(h(time.short(booking.startsAt, now: now)))</td>\
                <td class="nowrap">\(h(time.short(booking.endsAt, now: now)))</td><td>\(h(booking.holder))</td>\
                <td><form method="post" action="/booking/\(id)/cancel"><input type="hidden" name="csrf" value="\(h(token))">\
                <button class="quiet" type="submit">Cancel</button></form></td></tr>
                """
        }.joined()
        return "<table><thead><tr><th>Lot</th><th>Space</th><th>From</th><th>Until</th><th>For</th><th></th></tr></thead><tbody>\(rows)</tbody></table>"
    }
}
