import Foundation
import Testing
import ParkWatchInbox
import ParkWatchStore
import ParkWatchTestSupport

/// The documented FTP recipe, for real: `scripts/ftp-server.sh` starts Debian's pure-ftpd on
/// loopback with one login per camera, curl uploads as a camera would, and the watcher files what
/// arrives. The test fails, naming the cause, where the server cannot start: it never passes unrun.
@Suite(.serialized) struct FTPUploadTests {
    /// A fresh inbox and pure-ftpd with logins cam1 and cam2 (passwords `<camera>-secret`).
    private func startServer() async throws -> (PipelineFixture, FTPServer) {
        let fixture = try PipelineFixture()
        let server = try FTPServer(state: fixture.folder.path("ftp"), inbox: fixture.inbox)
        for camera in ["cam1", "cam2"] { try await server.addLogin(camera, password: "\(camera)-secret") }
        try await server.start()
        return (fixture, server)
    }

    @Test func photosUploadedByFTPAreProcessedAndArchived() async throws {
        let (fixture, server) = try await startServer()
        defer { server.stop() }
        let photos = Array(TestResources.pklotDay0.prefix(2))
        try #require(photos.count == 2)
        try await withRunningService(fixture) { log in
            try await server.upload(photos[0], login: "cam1", password: "cam1-secret")
            try await server.upload(photos[1], login: "cam2", password: "cam2-secret")
            #expect(await eventually { log.count == 2 })
        }
        let rows = try await fixture.rows().sorted { $0.camera < $1.camera }
        #expect(rows.map(\.camera) == ["cam1", "cam2"])
        #expect(rows.map(\.status) == [.ok, .ok])
        #expect(rows.map(\.file) == photos.map(\.lastPathComponent))
        for (row, photo) in zip(rows, photos) {
            #expect(row.archivedPath.contains("/2013/02/24/\(row.camera)/"))
            #expect(fixture.archived(row) == (try Data(contentsOf: photo)))
        }
        #expect(fixture.folder.files(under: "inbox").isEmpty)
    }

    @Test func aLoginIsConfinedToItsCameraFolderAndNeedsItsPassword() async throws {
        let (fixture, server) = try await startServer()
        defer { server.stop() }
        let photo = try #require(TestResources.pklotDay0.first)
        // The path goes to the server as written (no client-side clean-up, no CWD): the chroot decides.
        await #expect(throws: FTPServer.Failure.self) { try await server.upload(photo, login: "cam1", password: "cam1-secret", as: "../cam2/escape.jpg") }
        try await server.upload(photo, login: "cam1", password: "cam1-secret", as: "../../escape.jpg")
        await #expect(throws: FTPServer.Failure.self) { try await server.upload(photo, login: "cam1", password: "wrong", as: "bad.jpg") }
        #expect(fixture.folder.files(under: "inbox/cam2").isEmpty)
        #expect(fixture.folder.files(under: "inbox/cam1") == ["inbox/cam1/escape.jpg"])
    }
}

/// pure-ftpd run through the project's own script, on a free loopback port.
struct FTPServer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let state: URL
    let inbox: URL
    let port: Int
    let script = TestResources.packageRoot.appendingPathComponent("scripts/ftp-server.sh").path

    init(state: URL, inbox: URL) throws {
        guard getuid() == 0 else {
            throw Failure(description: "the FTP test needs root: pure-ftpd confines each login with chroot")
        }
        for tool in ["/usr/sbin/pure-ftpd", "/usr/bin/pure-pw", "/usr/bin/curl"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure(description: "\(tool) is missing: run scripts/setup.sh pure-ftpd (make test does)")
        }
        self.state = state
        self.inbox = inbox
        port = try FreePort.find()
    }

    /// `nobody` owns the uploads: any unprivileged account works, and this one exists everywhere.
    private var environment: [String: String] {
        [
            "FTP_STATE": state.path, "FTP_INBOX": inbox.path, "FTP_ACCOUNT": "nobody",
            "FTP_HOST": "127.0.0.1", "FTP_PORT": "\(port)", "FTP_PASSIVE": "\(port + 1):\(port + 8)",
        ]
    }

    func addLogin(_ camera: String, password: String) async throws {
        try await run(script, ["add-user", camera], input: password + "\n")
    }

    func start() async throws { try await run(script, ["start"]) }

    /// A blocking wait: it runs in a test's `defer`, when the test has nothing left running.
    func stop() { _ = try? launch(script, ["stop"]).process.waitForExit() }

    func upload(_ file: URL, login: String, password: String, as name: String? = nil) async throws {
        let target = "ftp://127.0.0.1:\(port)/\(name ?? file.lastPathComponent)"
        // -v: a failure's message shows the FTP dialogue. --retry 2: a timeout on a loaded machine is
        // tried again; refusals (530 login, 553 path) are not transient, so they still fail at once.
        try await run("/usr/bin/curl", [
            "-sS", "-v", "--retry", "2", "--path-as-is", "--ftp-method", "nocwd", "--max-time", "30",
            "--user", "\(login):\(password)", "-T", file.path, target,
        ])
    }

    /// Waits off Swift's cooperative pool: the watcher under test needs its threads meanwhile.
    @discardableResult
    private func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> String {
        let (process, output) = try launch(executable, arguments, input: input)
        let status = await process.exited()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(description: "\(executable) \(arguments.first ?? "") exited \(status): \(text)") }
        return text
    }

    /// Output goes to a file, never a pipe: a daemon that inherits a pipe keeps it open, and a
    /// reader waiting for its end would wait forever.
    private func launch(_ executable: String, _ arguments: [String], input: String? = nil) throws -> (process: BackgroundProcess, output: URL) {
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let name = UUID().uuidString
        let output = state.appendingPathComponent("command-\(name).log")
        let inputFile = try input.map { text in
            let url = state.appendingPathComponent("input-\(name)")
            try Data(text.utf8).write(to: url)
            return url
        }
        return (try BackgroundProcess(executable, arguments, log: output, input: inputFile, environment: environment), output)
    }
}

/// A control port and the eight after it (the passive range), all free, taken below the kernel's
/// ephemeral range: every other test's server binds port 0 and every outgoing connection gets an
/// ephemeral port, so none of them can take a passive port between this check and curl's use of it.
enum FreePort {
    static func find() throws -> Int {
        let ephemeralStart = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
            .flatMap { $0.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } } ?? 32_768
        let range = 20_000..<max(20_100, ephemeralStart - 9)
        for _ in 0..<50 {
            let port = Int.random(in: range)
            if (0...8).allSatisfy({ LoopbackPort.isFree(port + $0) }) { return port }
        }
        throw FTPServer.Failure(description: "no free run of nine loopback ports in \(range)")
    }
}
