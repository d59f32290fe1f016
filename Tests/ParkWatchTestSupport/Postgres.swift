import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster from Debian's server binaries: initdb in a folder of its own, a
/// loopback port of its own, a password login `parkwatch` owning database `parkwatch`. Run as the
/// `postgres` account when the tests run as root (PostgreSQL refuses root). `stop()` and
/// `start()` take it down and bring it back on the same port and data, as an outage would.
/// Every call waits for its binary off Swift's cooperative pool: a test that polls `query` must not
/// hold one of the pool's few threads while the code it tests needs them.
public final class PostgresServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    public let password = "pw-\(UUID().uuidString.prefix(8))"
    let folder: URL
    let binaries: URL
    let tls: Bool

    /// `sslmode=disable`, or `require` for a server that takes TLS only.
    public var url: String { url(sslmode: tls ? "require" : "disable") }

    public func url(sslmode: String) -> String {
        "postgres://parkwatch:\(password)@127.0.0.1:\(port)/parkwatch?sslmode=\(sslmode)"
    }

    /// With `tls`, the server has a self-signed certificate and takes TCP logins over TLS only.
    public init(tls: Bool = false) async throws {
        guard let binaries = Self.binaries() else {
            throw Failure(description: "no PostgreSQL server binaries under /usr/lib/postgresql (make test installs them: apt-get install postgresql)")
        }
        self.binaries = binaries
        self.tls = tls
        port = try LoopbackPort.free()
        // Under /tmp itself, not a test's private folder: the postgres account must reach it.
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("parkwatch-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("\(password)\n".utf8).write(to: folder.appendingPathComponent("pwfile"))
        if getuid() == 0 { try ownedByPostgres() }
        try await run("initdb", ["-D", data, "-U", "parkwatch", "--pwfile", folder.appendingPathComponent("pwfile").path,
                           "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"])
        if tls { try await requireTLS() }
        try await start()
        try await run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "parkwatch", "parkwatch"])
    }

    var data: String { folder.appendingPathComponent("data").path }

    /// Starts the server on its port and returns once it accepts connections (`pg_ctl -w`).
    public func start() async throws {
        let options = "-p \(port) -c listen_addresses=127.0.0.1 -k \(folder.path) -c fsync=off -c full_page_writes=off" + (tls ? " -c ssl=on" : "")
        try await run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o", options, "start"])
    }

    /// A fast shutdown: clients are disconnected, as when the database goes away.
    public func stop() async throws {
        try await run("pg_ctl", stopArguments)
    }

    var stopArguments: [String] { ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"] }

    /// `psql`'s unaligned output of `sql`, one line per row, fields split by `|`.
    public func query(_ sql: String) async throws -> [String] {
        try await run("psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "parkwatch", "-d", "parkwatch", "-A", "-t", "-q", "-c", sql])
            .split(separator: "\n").map(String.init)
    }

    /// What the server is doing, for a test that failed waiting on it: each session's state and
    /// wait, the locks not granted, and the end of the server's log.
    public func activity() async -> String {
        let sessions = (try? await query("""
            SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid), now() - query_start, left(query, 80)
            FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
            """)) ?? ["(no answer)"]
        let waiting = (try? await query("SELECT pid, locktype, mode, transactionid FROM pg_locks WHERE NOT granted")) ?? []
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        let tail = log.split(separator: "\n").suffix(20).joined(separator: "\n")
        return "sessions:\n\(sessions.joined(separator: "\n"))\nlocks waited for:\n\(waiting.joined(separator: "\n"))\nserver log:\n\(tail)"
    }

    /// The one blocking wait left: a test's end, when nothing of it runs any more.
    deinit {
        if let process = try? spawn("pg_ctl", stopArguments, log: folder.appendingPathComponent("stop.log")) { _ = process.waitForExit() }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A certificate for `localhost`, `ssl = on`, and `hostssl` in place of `host`: a client that
    /// does not ask for TLS is refused.
    private func requireTLS() async throws {
        let openssl = try BackgroundProcess(
            "/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                                 "-keyout", "\(data)/server.key", "-out", "\(data)/server.crt"],
            log: folder.appendingPathComponent("openssl.log"))
        guard await openssl.exited() == 0 else { throw Failure(description: "openssl could not make a certificate") }
        let hba = URL(fileURLWithPath: "\(data)/pg_hba.conf")
        let rules = try String(contentsOf: hba, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("host ") ? "hostssl" + $0.dropFirst(4) : $0 }.joined(separator: "\n")
        try Data(rules.utf8).write(to: hba)
        if getuid() == 0, let account = getpwnam("postgres") {
            for file in ["server.key", "server.crt", "pg_hba.conf"] {
                chown("\(data)/\(file)", account.pointee.pw_uid, account.pointee.pw_gid)
            }
        }
        chmod("\(data)/server.key", 0o600)
    }

    private func ownedByPostgres() throws {
        guard let account = getpwnam("postgres") else {
            throw Failure(description: "running as root needs the postgres account (apt-get install postgresql creates it)")
        }
        guard chown(folder.path, account.pointee.pw_uid, account.pointee.pw_gid) == 0,
              chown(folder.appendingPathComponent("pwfile").path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw Failure(description: "cannot give \(folder.path) to the postgres account: errno \(errno)")
        }
    }

    /// Runs a server binary (as `postgres` under root) and returns its output, or throws it.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) async throws -> String {
        let log = folder.appendingPathComponent("\(tool)-\(UUID().uuidString).log")
        let status = try await spawn(tool, arguments, log: log).exited()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        guard status == 0 else { throw Failure(description: "\(tool) exited \(status): \(output)") }
        return output
    }

    private func spawn(_ tool: String, _ arguments: [String], log: URL) throws -> BackgroundProcess {
        let executable = binaries.appendingPathComponent(tool).path
        let command = getuid() == 0 ? ("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments) : (executable, arguments)
        return try BackgroundProcess(
            command.0, command.1, log: log, directory: folder, environment: ["PGPASSWORD": password, "LC_ALL": "C.UTF-8"])
    }

    private static func binaries() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted().reversed()
            .map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }
}
