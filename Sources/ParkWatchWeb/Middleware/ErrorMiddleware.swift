import Foundation
import Hummingbird
import Logging
import ParkWatchReports
import ParkWatchStore

/// The edge: every error a handler throws becomes its HTTP status here, with `{"error": "…"}` for
/// the API and a readable page for a browser. Nothing else in the module knows status codes of errors.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger
    let shell: PageShell

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            if status == .internalServerError {
                logger.error("request failed: \(error)", metadata: ["path": "\(request.uri.path)"])
            }
            var headers: HTTPFields = [:]
            if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
            if case WebError.methodNotAllowed(let allowed) = error { headers[.allow] = allowed }
            if Self.isAPI(request.uri.path) { return try JSONOutput.response(["error": message], status: status, headers: headers) }
            return shell.errorPage(status: status, message: message, headers: headers)
        }
    }

    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/api" || path == "/parking_status"
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as WebError: (status(of: error), error.description)
        case let error as StoreError: describe(error)
        case let error as ReportError: (.notFound, error.description)
        case let error as any StoreUnavailable where error.isUnavailable: (.serviceUnavailable, error.description)
        case let error as HTTPError: (error.status, error.body ?? defaultMessage(error.status))
        case let error as any HTTPResponseError: (error.status, defaultMessage(error.status))
        case is DecodingError: (.badRequest, "the request could not be read")
        default: (.internalServerError, "something went wrong on the server")
        }
    }

    /// Labels the store refuses are the client's mistake; anything else is the server's.
    static func describe(_ error: StoreError) -> (HTTPResponse.Status, String) {
        switch error {
        case .photoNotFound: (.notFound, error.description)
        case .labelledPhotoOfAnotherCamera, .labelledSpaceUnknown: (.badRequest, error.description)
        case .labelledPhotoNotRead: (.conflict, error.description)
        default: (.internalServerError, "the database could not answer; try again")
        }
    }

    static func status(of error: WebError) -> HTTPResponse.Status {
        switch error {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unprocessable: .unprocessableContent
        case .methodNotAllowed: .methodNotAllowed
        case .storeFailed, .badSettings: .internalServerError
        }
    }

    private static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "nothing here"
        case .contentTooLarge: "the request body is too large"
        case .methodNotAllowed: "that method is not allowed here"
        default: status.reasonPhrase.lowercased()
        }
    }
}

/// Headers on every response, error pages included, that keep pages self-contained.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// Only this server's own files; no inline script, no framing by other sites.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HeaderName.contentTypeOptions] = "nosniff"
        response.headers[HeaderName.referrerPolicy] = "same-origin"
        return response
    }
}
