import Foundation
import Hummingbird
import ParkWatchAnalytics
import ParkWatchStore

/// The pages people look at: dashboard, lot, images and static files. `?fragment=1` answers
/// only the content of `<main>`, which is what the pages reload to stay live.
struct PageRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await dashboard(fragment: Query(request)["fragment"] != nil) }
        router.get("/lots/:id") { request, context in
            try await lot(context.parameters.require("id"), fragment: Query(request)["fragment"] != nil)
        }
        router.get("/images/:id") { request, context in
            try await image(context.parameters.require("id"), original: Query(request)["original"] != nil, context: context)
        }
        router.get("/assets/:name") { _, context in try Assets.response(context.parameters.require("name")) }
    }

    var shell: PageShell { PageShell(timeZone: environment.settings.timeZone, refreshSeconds: environment.settings.refreshSeconds) }
    private var time: TimeText { TimeText(timeZone: environment.settings.timeZone) }
    private var reader: StatusReader { StatusReader(environment: environment) }

    func dashboard(fragment: Bool) async throws -> Response {
        let now = environment.clock.now()
        var lots: [(status: LotStatus, day: [BucketSummary])] = []
        for lot in try await environment.directory.lots() {
            lots.append((try await reader.status(of: lot, now: now), try await reader.lastDay(of: lot, now: now)))
        }
        let content = DashboardView(time: time, atSite: environment.atSite).content(lots, now: now)
        if fragment { return shell.html(content) }
        return shell.html(shell.page(title: "Dashboard", section: .dashboard, content: content, live: "/?fragment=1", now: now))
    }

    func lot(_ id: String, fragment: Bool) async throws -> Response {
        let now = environment.clock.now()
        let lot = try await environment.directory.lot(id)
        let content = LotView(time: time, atSite: environment.atSite).content(
            try await reader.status(of: lot, now: now), day: try await reader.lastDay(of: lot, now: now), now: now)
        if fragment { return shell.html(content) }
        let live = "/lots/\(urlSegment(lot.id))?fragment=1"
        return shell.html(shell.page(title: lot.id, section: .dashboard, content: content, live: live, now: now))
    }

    /// The newest overlay of a photo, else (or with `original`) the photo itself. Paths come from
    /// the photo's row, never from the request: the id only selects a row.
    func image(_ id: String, original: Bool, context: BasicRequestContext) async throws -> Response {
        guard let number = Int64(id), let photo = try await environment.store.photo(id: number), photo.status == .ok else {
            throw WebError.notFound("no image \(id)")
        }
        let overlay = original ? nil : try await environment.store.spaceReading(photoID: number)?.overlayPath
        let candidates = [overlay, photo.filed ? photo.archivedPath : nil].compactMap { $0 }
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            throw WebError.notFound("the image of photo \(id) is no longer on disk")
        }
        let body = try await FileIO().loadFile(path: path, context: context)
        let type = MediaType.getMediaType(forExtension: URL(fileURLWithPath: path).pathExtension.lowercased())?.description
        return Response(
            status: .ok, headers: [.contentType: type ?? "application/octet-stream", .cacheControl: "private, max-age=60"], body: body)
    }
}
