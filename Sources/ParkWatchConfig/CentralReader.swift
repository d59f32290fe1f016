import Foundation

/// The PostgreSQL database that joins the sites: this node forwards its readings there as `site`.
package struct CentralConfig: Sendable, Equatable {
    /// `postgres://user:password@host:port/database[?sslmode=require]`; nil takes
    /// `$PARKWATCH_CENTRAL_URL`, so the password can stay out of the file.
    package var url: String?
    /// This node's name in the central database, unique per node.
    package var site: String

    package static let environmentKey = "PARKWATCH_CENTRAL_URL"

    package init(url: String?, site: String) {
        self.url = url
        self.site = site
    }

    /// The file's URL, else the environment's.
    package func resolvedURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        url ?? environment[Self.environmentKey].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why `text` is not a PostgreSQL URL ParkWatch can use, or nil. Names the rule, never the text,
    /// which may hold a password.
    package static func urlProblem(_ text: String) -> String? {
        guard let parts = URLComponents(string: text), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              !(parts.host ?? "").isEmpty else {
            return "must be a postgres:// URL with a host, such as postgres://parkwatch:PASSWORD@db.example:5432/parkwatch"
        }
        if parts.user == nil { return "must name the user, as in postgres://parkwatch@db.example/parkwatch" }
        let sslmode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        if !["disable", "prefer", "require", "verify-ca", "verify-full"].contains(sslmode) {
            return "has an unknown sslmode `\(sslmode)`: use disable, prefer, require, verify-ca or verify-full"
        }
        return nil
    }
}

/// Reads the `central` section.
struct CentralReader {
    static let keys = ["url", "site"]

    func read(_ field: Field) -> CentralConfig? {
        guard let map = FieldMap.read(field, allowed: Self.keys) else { return nil }
        guard let siteField = map["site"] else {
            field.fail("needs a site: this node's name in the central database, such as `site: north`")
            return nil
        }
        let site = siteField.identifier()
        var url: String?
        if let urlField = map["url"], let text = urlField.nonEmptyText() {
            if let problem = CentralConfig.urlProblem(text) { urlField.fail(problem) } else { url = text }
        }
        return site.map { CentralConfig(url: url, site: $0) }
    }
}
