import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's headless Chromium, driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`): the browser reads our commands on its fd 3 and writes answers
/// and events on its fd 4, each a JSON text ending in a NUL byte. No port, no WebSocket, no
/// package beyond the browser itself.
final class Chromium: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--lang=en-US", "--remote-debugging-pipe",
    ]

    /// `$PARKWATCH_CHROMIUM`, else Debian's `/usr/bin/chromium`.
    static var executable: String? {
        let candidates = [ProcessInfo.processInfo.environment["PARKWATCH_CHROMIUM"], "/usr/bin/chromium"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let lock = NSLock()
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<Data, any Error>] = [:]

    /// Starts the browser with a fresh profile in `profile`; its output goes to `profile/chromium.log`.
    init(executable: String, profile: URL) throws {
        let (commandRead, commandWrite) = try Self.pipe()
        let (answerRead, answerWrite) = try Self.pipe()
        let arguments = [executable] + Self.flags + ["--user-data-dir=\(profile.path)", "about:blank"]
        pid = try Self.spawn(arguments, childFDs: [(commandRead, 3), (answerWrite, 4)], log: profile.appendingPathComponent("chromium.log").path)
        close(commandRead)
        close(answerWrite)
        commands = commandWrite
        answers = answerRead
        let reader = Thread { [self] in self.readAnswers() }
        reader.start()
    }

    /// Sends one command and waits for its answer's `result`.
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: Double = 120) async throws -> [String: Any] {
        let id = lock.withLock { nextID += 1; return nextID }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = try JSONSerialization.data(withJSONObject: message)
        bytes.append(0)
        let answer = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            lock.withLock { waiting[id] = continuation }
            guard write(bytes) else { return fail(id, "cannot write to the browser") }
            Task { [self] in
                try? await Task.sleep(for: .seconds(timeout))
                fail(id, "\(method) got no answer within \(Int(timeout)) s")
            }
        }
        let object = try JSONSerialization.jsonObject(with: answer) as? [String: Any] ?? [:]
        if let error = object["error"] as? [String: Any] { throw Failure(description: "\(method): \(error["message"] ?? error)") }
        return object["result"] as? [String: Any] ?? [:]
    }

    /// Asks the browser to quit, then makes sure it did (only this browser's own pid is signalled).
    func quit() async {
        _ = try? await send("Browser.close", timeout: 5)
        for _ in 0..<50 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return finish() }
            try? await Task.sleep(for: .milliseconds(100))
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        finish()
    }

    private func finish() {
        close(commands)
        close(answers)
    }

    private func fail(_ id: Int, _ reason: String) {
        let continuation = lock.withLock { waiting.removeValue(forKey: id) }
        continuation?.resume(throwing: Failure(description: reason))
    }

    private func write(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(commands, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// Runs on its own thread: splits the stream at NULs and hands each answer to its waiter.
    /// Events (messages without an id) are not needed by the tests and are dropped.
    private func readAnswers() {
        var pending = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(answers, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: chunk[0..<count])
            while let end = pending.firstIndex(of: 0) {
                deliver(pending.subdata(in: pending.startIndex..<end))
                pending = pending.subdata(in: (end + 1)..<pending.endIndex)
            }
        }
        let left = lock.withLock { () -> [CheckedContinuation<Data, any Error>] in
            defer { waiting.removeAll() }
            return Array(waiting.values)
        }
        left.forEach { $0.resume(throwing: Failure(description: "the browser closed the pipe")) }
    }

    private func deliver(_ message: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any], let id = object["id"] as? Int else { return }
        let continuation = lock.withLock { waiting.removeValue(forKey: id) }
        continuation?.resume(returning: message)
    }

    /// A pipe whose ends sit above fd 10 and close on exec, so only the dup2'd copies reach the child.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw Failure(description: "pipe: \(errno)") }
        let high = fds.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        fds.forEach { close($0) }
        return (high[0], high[1])
    }

    private static func spawn(_ arguments: [String], childFDs: [(Int32, Int32)], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in childFDs { posix_spawn_file_actions_adddup2(&actions, source, target) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard result == 0 else { throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        return pid
    }
}

/// One tab of the browser, attached with a flat session.
struct BrowserPage: Sendable {
    let browser: Chromium
    let session: String
    let width: Int

    static func open(_ browser: Chromium, width: Int = 1360, height: Int = 900) async throws -> BrowserPage {
        let targets = try await browser.send("Target.getTargets")["targetInfos"] as? [[String: Any]] ?? []
        guard let page = targets.first(where: { $0["type"] as? String == "page" }), let id = page["targetId"] as? String else {
            throw Chromium.Failure(description: "the browser has no page")
        }
        let attached = try await browser.send("Target.attachToTarget", ["targetId": id, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Chromium.Failure(description: "no session") }
        let tab = BrowserPage(browser: browser, session: session, width: width)
        _ = try await tab.send("Page.enable")
        _ = try await tab.send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
        return tab
    }

    func send(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        try await browser.send(method, params, session: session)
    }

    /// The value of a JavaScript expression (promises are awaited).
    func evaluate(_ expression: String) async throws -> Any? {
        let answer = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = answer["exceptionDetails"] as? [String: Any] {
            throw Chromium.Failure(description: "\(expression): \((exception["exception"] as? [String: Any])?["description"] ?? exception)")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a JavaScript expression) until it is true.
    func wait(until condition: String, seconds: Double = 120) async throws {
        let deadline = Date() + seconds
        while Date() < deadline {
            if (try? await evaluate(condition)) as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Chromium.Failure(description: "timed out waiting for \(condition)")
    }

    func go(_ url: URL) async throws {
        _ = try await send("Page.navigate", ["url": url.absoluteString])
        try await wait(until: "location.href === new URL(\(jsString(url.absoluteString))).href && document.readyState === 'complete'")
    }

    /// The whole page as a PNG (the viewport grows to the page's height for the shot).
    func screenshot(to file: URL) async throws {
        let metrics = try await send("Page.getLayoutMetrics")
        let height = ((metrics["cssContentSize"] as? [String: Any])?["height"] as? Double).map { Int($0.rounded(.up)) } ?? 900
        _ = try await send("Emulation.setDeviceMetricsOverride", ["width": width, "height": min(max(height, 600), 4000), "deviceScaleFactor": 1, "mobile": false])
        let shot = try await send("Page.captureScreenshot", ["format": "png"])
        guard let base64 = shot["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw Chromium.Failure(description: "no screenshot data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
        _ = try await send("Emulation.setDeviceMetricsOverride", ["width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false])
    }
}

/// A JavaScript string literal.
func jsString(_ text: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: [text])
    return data.map { String(decoding: $0, as: UTF8.self).dropFirst().dropLast() }.map(String.init) ?? "''"
}
