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
    let store: ParkWatchDatabase
    /// The node's own database, or the central one when sites share their bookings.
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
        store: ParkWatchDatabase, bookings: (any BookingStore)?, settings: WebSettings, clock: WebClock, metrics: MetricsRegistry,
        logger: Logger
    ) {
        self.store = store
        self.bookings = bookings ?? store
        self.settings = settings
        self.clock = clock
        self.directory = LotDirectory(catalog: settings.lots, store: store)
        self.uploads = UploadLedger()
        self.forms = FormTokens()
        self.apiToken = TokenCheck(expected: settings.token)
        self.sessions = SessionStore()
        self.metrics = metrics
        self.logger = logger
    }

    var statusRules: LotStatusBuilder {
        LotStatusBuilder(staleAfter: settings.staleAfter, holdMargin: settings.holdMargin)
    }
}
