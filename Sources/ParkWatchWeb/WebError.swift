import Foundation

/// What the web app can answer instead of a result. Handlers throw these; `ErrorMiddleware`, the
/// edge, turns them into a status code and a JSON body (API) or a page (browser).
package enum WebError: Error, Equatable, Sendable, CustomStringConvertible {
    case badRequest(String)
    case unauthorized(String)
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    case payloadTooLarge(limit: Int)
    case unsupportedMediaType(String)
    case unprocessable(String)
    /// A method the app serves nowhere (TRACE, OPTIONS, …); `allowed` goes into the Allow header.
    case methodNotAllowed(allowed: String)
    /// The store failed; the message is for the log, the client gets a generic one.
    case storeFailed(String)
    /// Bad settings found while building the app (a layout that does not load, a bad host).
    case badSettings(String)

    package var description: String {
        switch self {
        case .badRequest(let message), .unauthorized(let message), .forbidden(let message), .notFound(let message),
             .conflict(let message), .unsupportedMediaType(let message), .unprocessable(let message):
            message
        case .methodNotAllowed(let allowed): "that method is not allowed here (allowed: \(allowed))"
        case .payloadTooLarge(let limit): "the upload is larger than the limit of \(limit) bytes"
        case .storeFailed: "the database could not answer; try again"
        case .badSettings(let message): "bad web settings: \(message)"
        }
    }
}
