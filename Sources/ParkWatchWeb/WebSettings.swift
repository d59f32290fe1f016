import Foundation
import ParkWatchConfig
import ParkWatchInbox

/// Everything the web app needs, with the defaults `parkwatch serve` starts with.
package struct WebSettings: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// Bearer token the write endpoints under /api require; nil leaves them open.
    package var token: String?
    /// The folder the watcher reads: uploads are dropped into `inbox/<camera>/`.
    package var inbox = URL(fileURLWithPath: "inbox")
    /// Seconds a connection may go without a complete request: half a header, or an idle
    /// keep-alive between requests. One timer covers both, so a slow client holds a slot no longer.
    package var idleTimeout: TimeInterval = 10
    /// Connections served at once; beyond it, new ones wait in the listen backlog for a free slot.
    package var maxConnections = 512
    /// Seconds a hidden or temporary file may stay in the inbox before `/metrics` counts it as ignored.
    package var ignoredAfter: TimeInterval = IgnoredFiles.defaultLimit
    /// Largest accepted upload (the image itself, multipart framing aside).
    package var maxUploadBytes = 20_000_000
    /// A lot whose newest photo is older than this shows a warning.
    package var staleAfter: TimeInterval = 900
    /// How often the pages refresh themselves.
    package var refreshSeconds = 15
    /// An occupied space is flagged when a booking of it ends or starts within this margin of
    /// now but none covers now: someone overstayed, or parked in a space about to be claimed.
    package var holdMargin: TimeInterval = 3600
    /// Times on the pages and in booking forms (`datetime-local` has no zone) are in this zone.
    package var timeZone: TimeZone = .gmt
    /// Lots and their spaces as configured; cameras seen only in the database are added per request.
    package var lots: LotCatalog = .empty

    package init() {}

    /// The settings a configuration file gives: web section, inbox, zone, and the lots of its cameras.
    package init(configuration: Configuration) throws(WebError) {
        host = configuration.web.host
        port = configuration.web.port
        token = configuration.web.token
        inbox = URL(fileURLWithPath: configuration.inbox)
        timeZone = configuration.timeZone
        lots = try LotCatalog(configuration: configuration)
    }
}
