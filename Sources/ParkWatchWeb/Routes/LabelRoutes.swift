import Foundation
import Hummingbird
import ParkWatchSpaces
import ParkWatchStore

/// `{"labels": {"<space id>": true | false}}`: true is occupied.
struct LabelsRequest: Decodable {
    var labels: [String: Bool]
}

/// `{"photo_id", "camera", "labels"}`: a photo's labels as stored.
struct LabelsJSON: Encodable {
    var photoId: Int64
    var camera: String
    var labels: [String: Bool]
}

/// Labels of a camera's photos, for `parkwatch calibrate`: the labelling page (`/label/<camera>`,
/// a photo with its spaces drawn, a click flips a space) and the API
/// (`/api/photos/<id>/labels`). Both store through the same checks.
struct LabelRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/label/:camera") { request, context in try await page(context.parameters.require("camera"), query: Query(request)) }
        router.post("/label/:camera") { request, context in try await submit(request, camera: context.parameters.require("camera")) }
        router.get("/api/photos/:id/labels") { _, context in try await labels(context.parameters.require("id")) }
        router.post("/api/photos/:id/labels") { request, context in try await store(request, id: context.parameters.require("id"), context: context) }
    }

    private var shell: PageShell { PageRoutes(environment: environment).shell }

    func labels(_ id: String) async throws -> Response {
        let photo = try await countedPhoto(id)
        return try JSONOutput.response(LabelsJSON(photoId: photo.id ?? 0, camera: photo.camera, labels: try await environment.store.labels(photoID: photo.id ?? 0)))
    }

    func store(_ request: Request, id: String, context: BasicRequestContext) async throws -> Response {
        let photo = try await countedPhoto(id)
        let asked: LabelsRequest
        do { asked = try await request.decode(as: LabelsRequest.self, context: context) } catch {
            throw WebError.badRequest("send JSON {\"labels\": {\"<space id>\": true (occupied) or false (free)}} with Content-Type: application/json")
        }
        guard !asked.labels.isEmpty else { throw WebError.badRequest("labels is empty: label at least one space") }
        let photoID = photo.id ?? 0
        try await environment.store.setLabels([(photoID, asked.labels)], camera: photo.camera, at: environment.clock.now())
        return try JSONOutput.response(LabelsJSON(photoId: photoID, camera: photo.camera, labels: try await environment.store.labels(photoID: photoID)))
    }

    private func countedPhoto(_ id: String) async throws -> PhotoRecord {
        guard let number = Int64(id), let photo = try await environment.store.photo(id: number), photo.status == .ok else {
            throw WebError.notFound("no photo \(id)")
        }
        return photo
    }

    func page(_ camera: String, query: Query, notice: Notice? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = environment.clock.now()
        let store = try environment.store
        let layout = try environment.directory.layout(ofCamera: camera)
        let recent = try await store.readPhotos(camera: camera, limit: 30)
        let chosen = query["photo"].flatMap { Int64($0) } ?? recent.first?.id
        var content: String
        if let chosen, let photo = try await environment.store.photo(id: chosen), photo.camera == camera, photo.status == .ok {
            let reading = try await environment.store.spaceReading(photoID: chosen)
            let stored = try await environment.store.labels(photoID: chosen)
            let view = LabelView(time: TimeText(timeZone: environment.settings.timeZone))
            let saved = query["saved"].map { Notice.ok("Saved \($0) labels of this photo.") }
            content = view.content(
                camera: camera, photo: photo, layout: layout, reading: reading, labels: stored, recent: recent,
                notice: notice ?? saved, token: environment.forms.issue(now: now))
        } else {
            content = "<div class=\"page-head\"><div><h1>Label \(h(camera))</h1></div></div>"
                + "<p class=\"empty-state\">No photo of this camera has had its spaces read yet.</p>"
        }
        if environment.apiToken.isRequired {
            content = "<p class=\"hint\">Saving labels needs a <a href=\"/signin\">sign-in</a> with this server's token.</p>\n" + content
        }
        return shell.html(shell.page(title: "Label \(camera)", section: .none, content: content, now: now), status: status)
    }

    func submit(_ request: Request, camera: String) async throws -> Response {
        try environment.requireSite()
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 256 * 1024))
        // Form encoding writes a space as "+", which URLComponents leaves as it is.
        let fields = URLComponents(string: "?" + body.replacingOccurrences(of: "+", with: "%20"))?.queryItems ?? []
        let value = { (name: String) in fields.first { $0.name == name }?.value }
        guard environment.forms.isValid(value("csrf"), now: environment.clock.now()) else {
            throw WebError.forbidden("this page has expired; reload it and label again")
        }
        guard let photoID = value("photo").flatMap({ Int64($0) }) else { throw WebError.badRequest("the form names no photo") }
        var labels: [String: Bool] = [:]
        for field in fields where field.name.hasPrefix("space.") {
            labels[String(field.name.dropFirst(6))] = field.value == "occupied"
        }
        guard !labels.isEmpty else { throw WebError.badRequest("the form labels no space") }
        try await environment.store.setLabels([(photoID, labels)], camera: camera, at: environment.clock.now())
        return .redirect(to: "/label/\(urlSegment(camera))?photo=\(photoID)&saved=\(labels.count)", type: .normal)
    }
}
