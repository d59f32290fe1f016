import Foundation
import Logging
import ParkWatchMetrics
import ParkWatchStore

/// Where "now" comes from; tests pass a fixed instant.
package struct WebClock: Sendable {
    package let now: @Sendable () -> Date

    package init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    package static let system = WebClock { Date() }
}

/// What every handler may use. Built once per app by `WebApp.buildRouter`.
struct WebEnvironment: Sendable {
    /// Where the pages read readings and reports: the node's own database, or the central one
    /// that every site forwards to.
    let readings: any StatusSource
    /// The node's own database, or nil when the app reads the central one.
    let ownStore: ParkWatchDatabase?
    /// The node's own database, the central one when sites share their bookings.
    let bookings: any BookingStore
    let settings: WebSettings
    let clock: WebClock
    let directory: LotDirectory
    let uploads: UploadLedger
    let forms: FormTokens
    let apiToken: TokenCheck
    let sessions: SessionStore
    let metrics: MetricsRegistry
    let logger: Logger

    init(
        source: WebSource, settings: WebSettings, clock: WebClock, metrics: MetricsRegistry, logger: Logger
    ) {
        (readings, ownStore, bookings) = switch source {
        case .node(let store, let bookings): (store, store, bookings ?? store)
        case .central(let database): (database, nil, database)
        }
        self.settings = settings
        self.clock = clock
        self.directory = LotDirectory(catalog: settings.lots, source: readings)
        self.uploads = UploadLedger()
        self.forms = FormTokens()
        self.apiToken = TokenCheck(expected: settings.token)
        self.sessions = SessionStore()
        self.metrics = metrics
        self.logger = logger
    }

    /// The node's own database, for what only the site that took a photo has: the photo itself,
    /// its labels, its upload, and the layout files drawn on it.
    var store: ParkWatchDatabase {
        get throws(WebError) {
            guard let ownStore else {
                throw .notFound("this app reads the central database: photos, labels, uploads and layouts stay on the site that took them")
            }
            return ownStore
        }
    }

    /// Whether this is a site's own app, with its photos and layout files; the central app has none.
    var atSite: Bool { ownStore != nil }

    /// Refuses, with `store`'s reason, what only a site's own app does (uploads into its inbox,
    /// edits of its layout files), before any of it is read.
    func requireSite() throws(WebError) {
        _ = try store
    }

    var statusRules: LotStatusBuilder {
        LotStatusBuilder(staleAfter: settings.staleAfter, holdMargin: settings.holdMargin, linksImages: atSite)
    }
}

/// What the app reads: a node's own database (its bookings there, or in the central database the
/// sites share), or the central database alone, for every site at once.
package enum WebSource: Sendable {
    case node(ParkWatchDatabase, bookings: (any BookingStore)? = nil)
    case central(any StatusSource & BookingStore)
}
