import Foundation
import Hummingbird
import ParkWatchArchive
import ParkWatchImageFiles
import ParkWatchInbox
import ParkWatchStore

/// `POST /api/photos?camera=ID` drops a photo into the inbox; `GET /api/photos/{id}` follows it.
/// The upload id is the content's sha256: the photo row exists only once the watcher has
/// processed the file, and it records that same hash.
struct PhotoRoutes: Sendable {
    let environment: WebEnvironment

    /// Room for multipart framing on top of the image itself.
    static let framingAllowance = 64 * 1024

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/photos") { request, _ in try await upload(request) }
        router.get("/api/photos/:id") { _, context in try await result(context.parameters.require("id")) }
    }

    func upload(_ request: Request) async throws -> Response {
        try environment.requireSite()
        let camera = try await knownCamera(Query(request)["camera"])
        let data = try await imageBytes(request)
        let info = try probe(data)
        let id = ImageFolder.sha256(data)
        _ = try InboxDrop(inbox: environment.settings.inbox).put(data, camera: camera, fileExtension: Self.fileExtension(info.format))
        await environment.uploads.record(id)
        environment.logger.info("photo uploaded", metadata: ["camera": "\(camera)", "id": "\(id)", "bytes": "\(data.count)"])
        let body = UploadAccepted(id: id, camera: camera, status: "pending", url: "/api/photos/\(id)")
        return try JSONOutput.response(body, status: .accepted, headers: [.location: body.url])
    }

    /// The camera named in the query, if the app knows it (configured, or seen in the database).
    private func knownCamera(_ raw: String?) async throws -> String {
        guard let raw, !raw.isEmpty else { throw WebError.badRequest("give the camera: POST /api/photos?camera=ID") }
        guard CameraID.sanitize(raw) == raw else { throw WebError.badRequest("camera ids use only A-Z a-z 0-9 . _ - (got '\(raw)')") }
        let cameras = try await environment.directory.lots().flatMap { $0.cameras.map(\.id) }
        guard cameras.contains(raw) else { throw WebError.notFound("no camera '\(raw)'") }
        return raw
    }

    /// The image: the raw body, or the file part of a multipart body. Too large is refused from
    /// the declared length when there is one, else while reading.
    private func imageBytes(_ request: Request) async throws -> Data {
        let limit = environment.settings.maxUploadBytes
        let contentType = request.headers[.contentType]
        try Self.checkContentType(contentType)
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit + Self.framingAllowance {
            throw WebError.payloadTooLarge(limit: limit)
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit + Self.framingAllowance) } catch let error as any HTTPResponseError
            where error.status == .contentTooLarge {
            throw WebError.payloadTooLarge(limit: limit)
        }
        var data = Data(buffer.readableBytesView)
        if Multipart.isMultipart(contentType) { data = try Multipart.firstFile(in: data, contentType: contentType ?? "") }
        guard data.count <= limit else { throw WebError.payloadTooLarge(limit: limit) }
        return data
    }

    /// A declared type must be an image, a plain byte stream or a multipart form.
    static func checkContentType(_ contentType: String?) throws {
        guard let type = contentType?.lowercased() else { return }
        let accepted = type.hasPrefix("image/") || type.hasPrefix("application/octet-stream") || Multipart.isMultipart(type)
        guard accepted else { throw WebError.unsupportedMediaType("send the image itself (image/jpeg, image/png, …) or multipart/form-data, not \(type)") }
    }

    /// The pipeline's own first check, so what is accepted here is what the watcher will read.
    private func probe(_ data: Data) throws -> ImageInfo {
        do { return try ImageProbe.inspect(data, limits: ImageLimits(maxBytes: environment.settings.maxUploadBytes)) } catch {
            switch error {
            case .emptyFile: throw WebError.badRequest("the body is empty: send the image")
            case .notAnImage: throw WebError.unsupportedMediaType("the body is not an image (JPEG, PNG, BMP, WebP or TIFF)")
            case .tooLarge: throw WebError.payloadTooLarge(limit: environment.settings.maxUploadBytes)
            default: throw WebError.unprocessable("the image cannot be used: \(error)")
            }
        }
    }

    static func fileExtension(_ format: String) -> String {
        ["jpeg": "jpg", "png": "png", "bmp": "bmp", "webp": "webp", "tiff": "tif"][format] ?? "img"
    }

    func result(_ id: String) async throws -> Response {
        guard id.count == 64, id.allSatisfy(\.isHexDigit), id == id.lowercased() else {
            throw WebError.notFound("no upload '\(id)' (ids are the sha256 of the photo, 64 lowercase hex digits)")
        }
        guard let row = try await environment.store.photos(sha256: id).first else {
            guard await environment.uploads.contains(id) else { throw WebError.notFound("no upload '\(id)'") }
            return try JSONOutput.response(PhotoResult.pending(id), status: .accepted)
        }
        return try JSONOutput.response(try await PhotoResult.make(id: id, row: row, store: environment.store))
    }
}

struct UploadAccepted: Encodable {
    var id: String
    var camera: String
    var status: String
    var url: String
}
