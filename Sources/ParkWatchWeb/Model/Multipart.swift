import Foundation

/// Just enough of `multipart/form-data` (RFC 7578) to take a photo out of a browser or curl
/// upload (`curl -F photo=@x.jpg`). The part's file name is ignored: it never becomes a path.
enum Multipart {
    /// The content of the first part that carries a file, else of the first part.
    static func firstFile(in body: Data, contentType: String) throws -> Data {
        guard let boundary = boundary(of: contentType) else {
            throw WebError.badRequest("multipart body without a boundary")
        }
        let parts = self.parts(of: body, delimiter: Data("--\(boundary)".utf8))
        guard !parts.isEmpty else { throw WebError.badRequest("multipart body without any part") }
        let withFile = parts.first { $0.headers.lowercased().contains("filename=") }
        return (withFile ?? parts[0]).content
    }

    static func isMultipart(_ contentType: String?) -> Bool {
        contentType?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// Parts between delimiters: each is header lines, a blank line, then content up to the CRLF
    /// before the next delimiter. Stops at the closing delimiter or at a part that is cut short.
    private static func parts(of body: Data, delimiter: Data) -> [(headers: String, content: Data)] {
        let separator = Data("\r\n".utf8) + delimiter
        let blankLine = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { return [] }
        var parts: [(String, Data)] = []
        while cursor < body.endIndex, !body[cursor...].starts(with: Data("--".utf8)) {
            guard let headerEnd = body.range(of: blankLine, in: cursor..<body.endIndex),
                  let next = body.range(of: separator, in: headerEnd.upperBound..<body.endIndex) else { break }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            parts.append((headers, body.subdata(in: headerEnd.upperBound..<next.lowerBound)))
            cursor = next.upperBound
        }
        return parts
    }
}
