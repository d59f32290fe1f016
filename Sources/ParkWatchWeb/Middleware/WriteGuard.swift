import Foundation
import Hummingbird

/// Guards every write before a handler reads its body. Writes from another site's pages are
/// refused everywhere (a browser says where a request comes from; curl and scripts say nothing
/// and pass). The API's writes need the configured token and, for JSON bodies, the JSON type,
/// so a cross-site write would need a preflight the app never grants. The forms' writes need a
/// signed-in session when a token is configured (the handler also checks the per-form token).
struct WriteGuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let check: TokenCheck
    let sessions: SessionStore
    let clock: WebClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head].contains(request.method) else { return try await next(request, context) }
        try SameOrigin.check(request)
        if ErrorMiddleware.isAPI(request.uri.path) {
            guard check.accepts(TokenCheck.presented(in: request.headers)) else {
                throw WebError.unauthorized("this endpoint needs the API token: Authorization: Bearer <token>")
            }
            try JSONBody.check(request)
        } else if check.isRequired, !SignInRoutes.paths.contains(request.uri.path) {
            let session = request.cookies[SessionStore.cookieName]?.value
            guard await sessions.isOpen(session, now: clock.now()) else {
                throw WebError.unauthorized("booking and cancelling need you to sign in first, at /signin")
            }
        }
        return try await next(request, context)
    }
}

/// A method the app serves nowhere (TRACE, OPTIONS, CONNECT, …) is 405 on every path, not a
/// 404. PUT and PATCH pass on: they are ordinary writes, and the router says if a path has them.
struct MethodGuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let served: [HTTPRequest.Method] = [.get, .head, .post, .delete]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard (Self.served + [.put, .patch]).contains(request.method) else {
            throw WebError.methodNotAllowed(allowed: Self.served.map(\.rawValue).joined(separator: ", "))
        }
        return try await next(request, context)
    }
}

/// An API write with a JSON body must declare it: `text/plain` and form types are what a page
/// on another site can send without a preflight. Uploads (`/api/photos`) check their own types.
enum JSONBody {
    static func check(_ request: Request) throws {
        guard request.uri.path != "/api/photos", declaresBody(request) else { return }
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw WebError.unsupportedMediaType("send the body as JSON with Content-Type: application/json, not \(type ?? "no type")")
        }
    }

    /// A DELETE without a body needs no type; a POST always has one to check.
    private static func declaresBody(_ request: Request) -> Bool {
        if [.post, .put, .patch].contains(request.method) { return true }
        let length = request.headers[.contentLength].flatMap(Int.init) ?? 0
        return length > 0 || request.headers[.transferEncoding] != nil
    }
}
