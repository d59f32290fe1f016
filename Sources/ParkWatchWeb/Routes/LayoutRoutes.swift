import Crypto
import Foundation
import Hummingbird
import ParkWatchSpaces
import ParkWatchStore

/// One space as the editor posts it, in pixels of the photo it showed.
struct EditedSpace: Decodable {
    var id: String
    var name: String?
    var zone: String?
    var polygon: [[Double]]

    var space: ParkingSpace {
        ParkingSpace(
            id: id.trimmingCharacters(in: .whitespaces), name: name.flatMap { $0.isEmpty ? nil : $0 }, zone: zone.flatMap { $0.isEmpty ? nil : $0 },
            polygon: polygon.map { Point(x: $0.first ?? .nan, y: $0.count == 2 ? $0[1] : .nan) })
    }
}

/// The editor's form: every field optional, so a bad one is answered after the token is checked.
struct LayoutForm: Decodable {
    var csrf: String?
    var camera: String?
    var width: Int?
    var height: Int?
    var photo: String?
    var layout: String?
    var proposals: String?
}

/// The layout editor (`/lots/<lot>/layout`): a camera's latest photo with its spaces, edited in
/// the page (app.js) and saved over the camera's layout file. The version it replaces is kept
/// (`LayoutVersions`), and the watcher and these pages read the new file at their next look.
package struct LayoutRoutes: Sendable {
    let environment: WebEnvironment

    func add(to router: Router<BasicRequestContext>) {
        router.get("/lots/:id/layout") { request, context in
            try await page(context.parameters.require("id"), camera: Query(request)["camera"], saved: Query(request)["saved"])
        }
        router.post("/lots/:id/layout") { request, context in try await submit(request, lot: context.parameters.require("id")) }
    }

    private var shell: PageShell { PageRoutes(environment: environment).shell }

    /// The lot's camera to edit: the one asked for, else the first with a layout file.
    private func camera(of lot: String, asked: String?) async throws -> (camera: String, file: URL) {
        try environment.requireSite()
        let definition = try await environment.directory.lot(lot)
        let files = environment.directory.catalog.layoutFiles
        let editable = definition.cameras.map(\.id).filter { files[$0] != nil }
        guard let camera = asked ?? editable.first, let path = files[camera], editable.contains(camera) else {
            throw WebError.notFound("lot '\(lot)' has no camera\(asked.map { " '\($0)'" } ?? "") with a layout file in the configuration")
        }
        return (camera, URL(fileURLWithPath: path))
    }

    /// `edited`: spaces a refused save posted, shown again to be mended rather than lost.
    func page(
        _ lot: String, camera asked: String?, saved: String? = nil, notice: Notice? = nil, edited: [ParkingSpace]? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = environment.clock.now()
        let (camera, file) = try await camera(of: lot, asked: asked)
        let layout = try environment.directory.layout(ofCamera: camera)
        let photo = try await environment.store.latestCountedPhoto(camera: camera)
        // `lot propose --out <layout>.proposed.json` leaves proposals for the editor beside the layout.
        let proposed = try? LotLayout.load(URL(fileURLWithPath: file.path + ".proposed.json"))
        var content = LayoutEditorView().content(
            lot: lot, camera: camera, file: file.lastPathComponent, layout: layout, photo: photo, edited: edited, proposed: proposed,
            notice: notice ?? saved.map { .ok("Saved \($0) spaces. The service reads them at its next photo.") },
            token: environment.forms.issue(now: now))
        if environment.apiToken.isRequired {
            content = "<p class=\"hint\">Saving a layout needs a <a href=\"/signin\">sign-in</a> with this server's token.</p>\n" + content
        }
        return shell.html(shell.page(title: "Layout of \(lot)", section: .none, content: content, now: now), status: status)
    }

    /// Sessions carry no names: a digest of the session id tells one sign-in from another in the
    /// history without writing any part of the id, a credential, to a file.
    package static func who(_ session: String?) -> String {
        guard let session else { return "no sign-in" }
        return "session " + SHA256.hash(data: Data(session.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// The archived file of the photo the editor showed, when it is this camera's and still there.
    private func shownPhoto(_ id: String?, camera: String) async throws -> URL? {
        guard let id = id.flatMap({ Int64($0) }), let photo = try await environment.store.photo(id: id), photo.camera == camera, photo.filed,
              FileManager.default.fileExists(atPath: photo.archivedPath) else { return nil }
        return URL(fileURLWithPath: photo.archivedPath)
    }

    /// The proposals neither accepted nor dropped stay for the next visit; none left, no file.
    private func keepProposals(_ text: String, beside file: URL, frame: (width: Int, height: Int)) throws {
        let proposed = URL(fileURLWithPath: file.path + ".proposed.json")
        let left = (try? JSONDecoder().decode([EditedSpace].self, from: Data(text.utf8))) ?? []
        if left.isEmpty {
            try? FileManager.default.removeItem(at: proposed)
        } else {
            try LotLayout(imageWidth: frame.width, imageHeight: frame.height, spaces: left.map(\.space)).write(to: proposed)
        }
    }

    func submit(_ request: Request, lot: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 2 * 1024 * 1024)
        let form: LayoutForm
        do { form = try URLEncodedFormDecoder().decode(LayoutForm.self, from: String(buffer: body)) } catch {
            throw WebError.badRequest("the form could not be read")
        }
        guard environment.forms.isValid(form.csrf, now: environment.clock.now()) else {
            throw WebError.forbidden("this page has expired; reload it and edit again")
        }
        let (camera, file) = try await camera(of: lot, asked: form.camera)
        guard let text = form.layout, let spaces = try? JSONDecoder().decode([EditedSpace].self, from: Data(text.utf8)) else {
            throw WebError.badRequest("the form holds no layout: the editor needs JavaScript")
        }
        let frame = (width: form.width ?? 0, height: form.height ?? 0)
        guard frame.width > 0, frame.height > 0 else { throw WebError.badRequest("the form names no frame size") }
        let who = Self.who(request.cookies[SessionStore.cookieName]?.value)
        do {
            let saved = try LayoutVersions(file: file).save(
                spaces.map(\.space), frame: frame, drawnOn: try await shownPhoto(form.photo, camera: camera), who: who, at: environment.clock.now())
            if let left = form.proposals { try keepProposals(left, beside: file, frame: frame) }
            environment.logger.notice("layout saved", metadata: ["lot": "\(lot)", "camera": "\(camera)", "spaces": "\(saved.spaces.count)", "by": "\(who)"])
            return .redirect(to: "/lots/\(urlSegment(lot))/layout?camera=\(urlSegment(camera))&saved=\(saved.spaces.count)", type: .normal)
        } catch {
            return try await page(lot, camera: camera, notice: .bad("Not saved: \(error)"), edited: spaces.map(\.space), status: .badRequest)
        }
    }
}
