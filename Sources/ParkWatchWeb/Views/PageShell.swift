import Foundation
import Hummingbird

/// The frame around every page: head, top bar, footer. Scripts and styles come from /assets,
/// served by this binary, so a page works with no internet and under a strict CSP.
struct PageShell: Sendable {
    let timeZone: TimeZone
    let refreshSeconds: Int

    enum Section: String { case dashboard, history, booking, none }

    /// `live`: the URL whose HTML replaces `<main>`'s content every `refreshSeconds`.
    func page(title: String, section: Section, content: String, live: String? = nil, now: Date) -> String {
        let liveAttributes: String = live.map { " data-live=\"\(h($0))\" data-refresh=\"\(refreshSeconds)\"" } ?? ""
        let noscript = live == nil ? "" : "<noscript><meta http-equiv=\"refresh\" content=\"\(max(refreshSeconds, 30))\"></noscript>"
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title)) · ParkWatch</title>
            <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            \(noscript)
            </head>
            <body>
            <header class="topbar">
              <a class="brand" href="/">\(Assets.logo)<span>ParkWatch</span></a>
              <nav>\(navLink("/", "Dashboard", active: section == .dashboard))\(navLink("/history", "History", active: section == .history))\
              \(navLink("/booking", "Booking", active: section == .booking))</nav>
              <span class="live-state" id="live-state">\(live == nil ? "" : "Live · updated \(TimeText(timeZone: timeZone).clock(now))")</span>
            </header>
            <main id="main"\(liveAttributes)>
            \(content)
            </main>
            <footer class="foot">ParkWatch · times in \(h(timeZone.identifier))</footer>
            </body>
            </html>
            """
    }

    private func navLink(_ href: String, _ label: String, active: Bool) -> String {
        "<a href=\"\(href)\"\(active ? " class=\"active\" aria-current=\"page\"" : "")>\(label)</a>"
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A readable page for a failed request, with a way back.
    func errorPage(status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) -> Response {
        let content = """
            <section class="card narrow error-card">
              <h1>\(status.code) · \(h(status.reasonPhrase))</h1>
              <p>\(h(message.prefix(1).uppercased() + message.dropFirst())).</p>
              <p><a class="button" href="/">Back to the dashboard</a></p>
            </section>
            """
        return html(page(title: status.reasonPhrase, section: .none, content: content, now: Date()), status: status, headers: headers)
    }
}
