import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ParkWatchSpaces
import ParkWatchTestSupport
import Testing

/// Two `parkwatch serve` processes, web nodes of two sites, book against one PostgreSQL: of two
/// overlapping requests sent to both at once, exactly one is booked and the other is told why.
@Suite struct CentralBookingTests {
    @Test func twoWebNodesNeverBothBookOneSpace() async throws {
        let folder = try TemporaryFolder("cli-central-booking")
        let server = try await PostgresServer()
        let xml = try #require(TestResources.pklotDay1.first).deletingPathExtension().appendingPathExtension("xml")
        try LayoutImport.fromPKLot(xml).layout.write(to: folder.path("ufpr05.json"))
        var environment = CLIRunner(directory: folder.url).environment
        environment["PARKWATCH_CENTRAL_URL"] = server.url
        var nodes: [(BackgroundProcess, Int)] = []
        for site in ["north", "south"] {
            let port = try LoopbackPort.free()
            try Data("""
                database: \(site).sqlite
                cameras:
                  cam1:
                    layout: ufpr05.json
                    lot: east
                central:
                  site: \(site)
                """.utf8).write(to: folder.path("\(site).yaml"))
            let process = try BackgroundProcess(
                CLIRunner.binary.path, ["serve", "--config", "\(site).yaml", "--port", "\(port)"], log: folder.path("\(site).log"),
                directory: folder.url, environment: environment)
            nodes.append((process, port))
        }
        for (_, port) in nodes { #expect(try await LoopbackPort.waitUntilListening(port)) }
        let spaces = try await Self.spaceIDs(port: nodes[0].1)
        try #require(spaces.count == 40)

        let tomorrow = Date().addingTimeInterval(86_400)
        for (round, space) in spaces.prefix(8).enumerated() {
            let start = tomorrow + Double(round) * 60
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, (_, port)) in nodes.enumerated() {
                    group.addTask {
                        try await Self.book(port: port, space: space, from: start + Double(index) * 1800, hours: 2, holder: "node\(index)")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }.sorted()
            }
            if answers != [201, 409] {
                Issue.record("space \(space): \(answers)\n\(await server.activity())")
            }
        }
        // Both nodes list the same bookings: the central ones.
        let north = try await Self.get(port: nodes[0].1, "api/bookings?lot=east")
        let south = try await Self.get(port: nodes[1].1, "api/bookings?lot=east")
        #expect((north as? [Any])?.count == 8)
        #expect(try JSONSerialization.data(withJSONObject: north, options: .sortedKeys) == JSONSerialization.data(withJSONObject: south, options: .sortedKeys))
        #expect(try await server.query("SELECT count(*) FROM booking") == ["8"])

        // The database away: a clear 503, without the URL's password, instead of a hung request.
        try await server.stop()
        let (body, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(nodes[0].1)/api/bookings")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 503)
        let error = (try? JSONSerialization.jsonObject(with: body) as? [String: String])?["error"] ?? ""
        #expect(error.contains("unreachable") && !error.contains(server.password), "\(error)")
        for (process, _) in nodes { process.stop() }
    }

    static func book(port: Int, space: String, from start: Date, hours: Double, holder: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/bookings")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let format = ISO8601DateFormatter()
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "lot": "east", "space": space, "start": format.string(from: start), "end": format.string(from: start + hours * 3600), "holder": holder,
        ])
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static func get(port: Int, _ path: String) async throws -> Any {
        let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/\(path)")!)
        return try JSONSerialization.jsonObject(with: body)
    }

    static func spaceIDs(port: Int) async throws -> [String] {
        let status = try await get(port: port, "api/lots/east/status") as? [String: Any]
        return (status?["spaces"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    }
}
