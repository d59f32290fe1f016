import Foundation
import ParkWatchTestSupport
import Testing

/// Three site nodes, each a `parkwatch watch` process with its own inbox and SQLite file, forward
/// into one PostgreSQL started for the test. The server goes away and comes back; one node is
/// killed with SIGKILL while rows wait and is started again. Afterwards the central history holds
/// every node's photos exactly once, as each node's own history has them.
@Suite struct CentralSitesTests {
    static let sites = ["north", "south", "west"]

    struct Node {
        let site: String
        let folder: URL
        var process: BackgroundProcess?

        var inbox: URL { folder.appendingPathComponent("inbox/cam1") }
    }

    @Test func threeSitesSurviveAnOutageAndAKilledNodeAndAgreeWithTheCentralHistory() async throws {
        let folder = try TemporaryFolder("cli-central")
        let server = try await PostgresServer()
        let cli = CLIRunner(directory: folder.url)
        var environment = cli.environment
        environment["PARKWATCH_CENTRAL_URL"] = server.url
        var nodes = try Self.sites.map { site in
            let node = Node(site: site, folder: try folder.folder(site))
            try FileManager.default.createDirectory(at: node.inbox, withIntermediateDirectories: true)
            try Data("database: node.sqlite\ncentral:\n  site: \(site)\n".utf8).write(to: node.folder.appendingPathComponent("parkwatch.yaml"))
            return node
        }
        func start(_ index: Int, _ run: Int) throws {
            nodes[index].process = try BackgroundProcess(
                CLIRunner.binary.path, ["watch", "--config", "parkwatch.yaml"], log: nodes[index].folder.appendingPathComponent("watch\(run).log"),
                directory: nodes[index].folder, environment: environment)
        }
        func centralPhotos() async -> Int { (try? await server.query("SELECT count(*) FROM photo").first.flatMap { Int($0) }) ?? -1 }
        let photos = TestResources.smallPhotos(12)
        try #require(photos.count == 12)
        func drop(_ round: Int) throws {
            for (index, node) in nodes.enumerated() {
                for photo in photos[(index * 4 + round * 2)..<(index * 4 + round * 2 + 2)] {
                    try FileManager.default.copyItem(at: photo, to: node.inbox.appendingPathComponent(photo.lastPathComponent))
                }
            }
        }

        for index in nodes.indices { try start(index, 1) }
        try drop(0)
        let firstRound = await eventually(within: liveDeadline) { await centralPhotos() == 6 }
        #expect(firstRound)

        try await server.stop()
        try drop(1)
        let storedLocally = try await eventually(within: liveDeadline) {
            for node in nodes where try await Self.localHistory(cli, node).count < 4 { return false }
            return true
        }
        #expect(storedLocally)
        // What the killed node still owes the central database, as `status` tells its operator.
        let status = try await cli.run("status", "--db", nodes[1].folder.appendingPathComponent("node.sqlite").path, "--json")
        let owed = (try status.json() as? [[String: Any]])?.first { $0["state"] as? String == "central" }
        #expect(owed?["backlog_photos"] as? Int == 2 && (owed?["central"] as? String)?.hasSuffix("#south") == true, "\(status.stdout)")
        nodes[1].process?.stop(killing: true)
        try await server.start()
        let othersCaughtUp = await eventually(within: liveDeadline) { await centralPhotos() == 10 }
        #expect(othersCaughtUp)
        try start(1, 2)
        let all = await eventually(within: liveDeadline) { await centralPhotos() == 12 }
        #expect(all)
        for node in nodes { node.process?.stop() }

        let central = try await cli.run("history", "--central", server.url, "--json")
        #expect(central.status == 0, "\(central.stderr)")
        let centralRows = try #require(try central.json() as? [[String: Any]])
        var localRows: [[String: Any]] = []
        for node in nodes {
            localRows += try await Self.localHistory(cli, node).map { $0.merging(["site": node.site]) { $1 } }
        }
        #expect(centralRows.count == 12)
        #expect(Self.canonical(centralRows) == Self.canonical(localRows))
        try await Self.expectCentralWebShows(localRows, server: server, folder: folder)
    }

    /// `serve --central`: the three sites' `cam1` are one lot, each camera with its own site's
    /// newest count.
    static func expectCentralWebShows(_ localRows: [[String: Any]], server: PostgresServer, folder: TemporaryFolder) async throws {
        let port = try LoopbackPort.free()
        let web = try BackgroundProcess(
            CLIRunner.binary.path, ["serve", "--central", server.url, "--port", "\(port)"], log: folder.path("serve-central.log"),
            directory: folder.url, environment: CLIRunner(directory: folder.url).environment)
        defer { web.stop() }
        #expect(try await LoopbackPort.waitUntilListening(port))
        let status = try await CentralBookingTests.get(port: port, "api/lots/cam1/status") as? [String: Any]
        let cameras = status?["cameras"] as? [[String: Any]] ?? []
        #expect(cameras.compactMap { $0["id"] as? String } == sites.map { "\($0)/cam1" }, "\(String(describing: status))")
        for site in sites {
            let newest = localRows.filter { $0["site"] as? String == site && $0["status"] as? String == "ok" }
                .max { ($0["captured_at"] as? String ?? "", $0["id"] as? Int ?? 0) < ($1["captured_at"] as? String ?? "", $1["id"] as? Int ?? 0) }
            let shown = cameras.first { $0["id"] as? String == "\(site)/cam1" }
            #expect(shown?["vehicles"] as? Int == newest?["vehicles"] as? Int && newest?["vehicles"] != nil, "\(site)")
        }
    }

    static func localHistory(_ cli: CLIRunner, _ node: Node) async throws -> [[String: Any]] {
        let result = try await cli.run("history", "--db", node.folder.appendingPathComponent("node.sqlite").path, "--json")
        return (try? result.json() as? [[String: Any]]) ?? []
    }

    /// Rows as sorted JSON lines, so two lists compare whatever their order.
    static func canonical(_ rows: [[String: Any]]) -> [String] {
        rows.map { row in
            String(decoding: (try? JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }.sorted()
    }
}
