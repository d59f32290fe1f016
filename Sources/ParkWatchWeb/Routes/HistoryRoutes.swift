import Foundation
import Hummingbird
import ParkWatchAnalytics
import ParkWatchReports
import ParkWatchStore

/// `/history`: a lot's or camera's occupancy over a window as pictures, and `/api/history` the
/// same report as the CLI's `report --format csv|json` makes it (one code path: `ReportText`).
struct HistoryRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/history") { request, _ in try await page(Query(request)) }
        router.get("/api/history") { request, _ in try await download(Query(request)) }
    }

    private var shell: PageShell { PageShell(timeZone: environment.settings.timeZone, refreshSeconds: environment.settings.refreshSeconds) }

    func page(_ query: Query) async throws -> Response {
        let now = environment.clock.now()
        var history = try HistoryQuery(query, now: now, timeZone: environment.settings.timeZone)
        let lots = try await environment.directory.lots()
        if history.subject == nil, let first = lots.first { history.subject = .lot(first.id) }
        let view = HistoryView(time: TimeText(timeZone: environment.settings.timeZone))
        var content = view.picker(history, lots: lots)
        if let subject = history.subject {
            let (scope, cameras) = try await self.scope(subject, lots: lots)
            let report = try await OccupancyReport.build(request(history), scope: scope, store: environment.readings)
            content += view.report(report, query: history, spaces: try await spaceMaps(cameras, report: report))
        }
        return shell.html(shell.page(title: "History", section: .history, content: content, now: now))
    }

    func download(_ query: Query) async throws -> Response {
        let history = try HistoryQuery(query, now: environment.clock.now(), timeZone: environment.settings.timeZone)
        guard let subject = history.subject else { throw WebError.badRequest("give lot or camera") }
        let (scope, _) = try await self.scope(subject, lots: try await environment.directory.lots())
        let report = try await OccupancyReport.build(request(history), scope: scope, store: environment.readings)
        let csv = query["format"] == "csv"
        guard csv || query["format"] == nil || query["format"] == "json" else { throw WebError.badRequest("format must be json or csv") }
        let name = "parkwatch-\(scope.name)-\(HistoryQuery.dayText(history.window.from, HistoryQuery.calendar(history.window.timeZone)))"
        let body = csv ? ReportText.csv(report) + "\n" : try ReportText.json(report)
        return Response(status: .ok, headers: [
            .contentType: csv ? "text/csv; charset=utf-8" : "application/json",
            .contentDisposition: "attachment; filename=\"\(name).\(csv ? "csv" : "json")\"", .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func request(_ history: HistoryQuery) -> OccupancyReport.Request {
        OccupancyReport.Request(window: history.window, bucket: history.bucket, profile: .hourOfWeek, spaces: true)
    }

    /// The report's scope, and the cameras whose spaces the page draws.
    private func scope(_ subject: HistoryQuery.Subject, lots: [LotDefinition]) async throws -> (ReportScope, [LotCamera]) {
        switch subject {
        case .lot(let id):
            guard let lot = lots.first(where: { $0.id == id }) else { throw WebError.notFound("no lot '\(id)'") }
            return (try await ReportScope.lot(lot.id, cameras: lot.cameras.map { ($0.id, $0.capacity) }, store: environment.readings), lot.cameras)
        case .camera(let id):
            guard let camera = lots.flatMap(\.cameras).first(where: { $0.id == id }) else { throw WebError.notFound("no camera '\(id)'") }
            var scope = try await ReportScope.lot(id, cameras: [(camera.id, camera.capacity)], store: environment.readings)
            scope.kind = .camera
            return (scope, [camera])
        }
    }

    /// Each camera with a layout and a stored photo: the photo to draw its spaces on.
    private func spaceMaps(_ cameras: [LotCamera], report: OccupancyReport) async throws -> [SpaceMap] {
        // The central database has no pictures to draw on: they stay on their sites.
        guard let store = environment.ownStore else { return [] }
        var maps: [SpaceMap] = []
        for camera in cameras {
            guard let layout = camera.layout, let photo = try await store.latestCountedPhoto(camera: camera.id),
                  let id = photo.id else { continue }
            let utilisation = Dictionary(
                (report.spaces ?? []).filter { $0.camera == camera.id }.map { ($0.space, $0.utilisation) }, uniquingKeysWith: { $1 })
            let (width, height) = (photo.width ?? layout.imageWidth ?? 1280, photo.height ?? layout.imageHeight ?? 720)
            maps.append(SpaceMap(
                camera: camera.id, photoID: id, width: width, height: height,
                spaces: layout.resolved(width: width, height: height).spaces, utilisation: utilisation))
        }
        return maps
    }
}
