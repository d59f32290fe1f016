import Foundation
import ParkWatchVision
import Logging
import ServiceLifecycle

/// The long-running watcher: processes what waits in the inbox, then every file that arrives,
/// one at a time, until a graceful shutdown lets the photo in hand finish.
package struct InboxService: Service {
    let inbox: URL
    let processor: PhotoProcessor
    let logger: Logger
    /// A file found by a scan (not announced by the kernel as closed) is taken only once it has
    /// not changed for this long, so an upload in progress across a restart is not cut short.
    let settle: Duration
    let onProcessed: @Sendable (ProcessedPhoto) -> Void
    /// Called once the inbox is watched and what waited in it is handled: a file dropped from
    /// then on is announced by the kernel.
    let onWatching: @Sendable () -> Void
    /// Reports files left ignored longer than `ignoredAfter` seconds, and refused camera folders.
    let ignored: IgnoredFilesReporter

    package init(
        inbox: URL, processor: PhotoProcessor, logger: Logger, settle: Duration = .seconds(2),
        ignoredAfter: TimeInterval = IgnoredFiles.defaultLimit, onProcessed: @escaping @Sendable (ProcessedPhoto) -> Void = { _ in },
        onWatching: @escaping @Sendable () -> Void = {}
    ) {
        self.inbox = inbox.standardizedFileURL
        self.processor = processor
        self.logger = logger
        self.settle = settle
        self.onProcessed = onProcessed
        self.onWatching = onWatching
        self.ignored = IgnoredFilesReporter(inbox: inbox.standardizedFileURL, limit: ignoredAfter, logger: logger)
    }

    package func run() async throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let watcher = try InotifyWatcher(root: inbox)  // before the scan, so nothing arriving during it slips by
        let events = watcher.events()
        for record in try await processor.reconcile() {
            logger.error("photo lost before this start: in neither inbox nor archive", metadata: ["id": "\(record.id ?? 0)", "file": "\(record.sourcePath)"])
        }
        logger.info("watching", metadata: ["inbox": "\(inbox.path)"])
        let reporting = Task { [ignored] in await ignored.run() }
        defer { reporting.cancel() }
        await handleScanned(InboxScanner.candidates(in: inbox))
        onWatching()
        for await event in events.cancelOnGracefulShutdown() {
            switch event {
            case .candidate(let url): await handle(url)
            case .folderAppeared(let url): await handleScanned(InboxScanner.candidates(inCameraFolder: url))
            case .overflow: await handleScanned(InboxScanner.candidates(in: inbox))
            }
        }
        logger.info("stopped")
    }

    private func handleScanned(_ urls: [URL]) async {
        for url in urls {
            guard !Task.isShuttingDownGracefully else { return }
            await waitUntilSettled(url)
            await handle(url)
        }
    }

    private func waitUntilSettled(_ url: URL) async {
        while let entry = InboxEntry.inspect(url), entry.kind == .regular, !Task.isShuttingDownGracefully {
            let age = Date().timeIntervalSince(entry.modified)
            let needed = settle.inSeconds
            guard age < needed else { return }
            try? await Task.sleep(for: .seconds(needed - max(age, 0)))
        }
    }

    private func handle(_ url: URL) async {
        guard CameraFolders.refusal(for: url, inbox: inbox) == nil else { return ignored.report() }
        let photo = Photo(at: url, inbox: inbox, receivedAt: Date())
        do {
            guard let processed = try await processor.process(photo) else { return }
            log(processed)
            onProcessed(processed)
        } catch {
            // Left in the inbox: the next start (or a rename) tries again. Nothing is lost.
            logger.error("photo left in the inbox: \(error)", metadata: ["file": "\(url.path)"])
        }
    }

    private func log(_ processed: ProcessedPhoto) {
        let record = processed.record
        var metadata: Logger.Metadata = [
            "camera": "\(record.camera)", "file": "\(record.file)", "archived": "\(record.archivedPath)",
        ]
        if let vehicles = record.vehicles { metadata["vehicles"] = "\(vehicles)" }
        if let error = record.error { metadata["reason"] = "\(error)" }
        for (name, value) in processed.adjustment?.shownFields ?? [] { metadata[name] = "\(value)" }
        metadata["ms"] = "\(Int(processed.timings.total.rounded()))"
        // A recovery finishes what a crash interrupted: worth seeing among routine lines.
        let level: Logger.Level = switch processed.outcome {
        case .rejected: .warning
        case .recovered: .notice
        default: .info
        }
        logger.log(level: level, "\(processed.outcome.rawValue)", metadata: metadata)
    }
}
