import Foundation
import Logging
import ParkWatchPipeline
import ParkWatchSpaces
import ParkWatchVision
import ServiceLifecycle
import Synchronization

/// Reads one camera's stream (or video file) until shutdown: connects, samples by time, analyses
/// and stores each sample, and on a drop, a stall or garbage logs it, marks the camera offline and
/// reconnects after an exponential backoff. A file is read once, as fast as it decodes.
package struct StreamService: Service {
    let settings: StreamSettings
    let reader: FrameReader
    /// The cameras' layouts as drawn, of which this camera's is read for each frame (none: vehicle counts only).
    let layouts: CameraLayouts
    let recorder: SampleRecorder
    let health: HealthReporter
    let now: @Sendable () -> Date
    let logger: Logger
    let onSample: @Sendable (StoredSample) -> Void

    package init(
        settings: StreamSettings, reader: FrameReader, layouts: CameraLayouts, recorder: SampleRecorder, health: HealthReporter,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger, onSample: @escaping @Sendable (StoredSample) -> Void = { _ in }
    ) {
        self.settings = settings
        self.reader = reader
        self.layouts = layouts
        self.recorder = recorder
        self.health = health
        self.now = now
        self.logger = logger
        self.onSample = onSample
    }

    package func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.connectUntilDone() }
        } catch is CancellationError {}
        // A reader that stopped watches nothing: without this the camera would show online forever.
        // Detached, because a cancelled task's database writes are refused and this one must land.
        let (health, stoppedAt) = (self.health, now())
        do { try await Task.detached { try await health.stopped(at: stoppedAt) }.value } catch {
            logger.error("camera health not stored: \(error)", metadata: ["camera": "\(settings.camera)"])
        }
        logger.info("stream stopped", metadata: ["camera": "\(settings.camera)"])
    }

    func connectUntilDone() async throws {
        var backoff = Backoff(settings.backoff)
        while !Task.isCancelled {
            do {
                let settings = self.settings
                let connection = try await StreamConnection.open(name: settings.source, stallAfter: settings.stallAfter) {
                    () throws(StreamError) in try settings.openSource()
                }
                if try await consume(connection, backoff: &backoff) {
                    try await health.offline("end of video", at: now())
                    return
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("stream down: \(error)", metadata: ["camera": "\(settings.camera)"])
                do { try await health.offline("\(error)", at: now()) } catch {
                    logger.error("camera health not stored: \(error)", metadata: ["camera": "\(settings.camera)"])
                }
            }
            let wait = backoff.next()
            logger.info("reconnecting in \(wait)", metadata: ["camera": "\(settings.camera)"])
            try await Task.sleep(for: wait)
        }
    }

    /// Reads frames until the connection fails (throws) or a file ends (returns true). A live
    /// source is read on while a sample is analysed, so each sample is the newest frame rather
    /// than one the socket buffered meanwhile; a sample that falls due during an analysis is taken
    /// by the first frame after it. A file's and a polled source's samples are analysed in turn.
    private func consume(_ connection: StreamConnection, backoff: inout Backoff) async throws -> Bool {
        var sampler = StreamSampler(every: settings.every)
        // A new connection may show another view: the camera's memory starts again.
        reader.forget(camera: settings.camera)
        var (announced, badFrames) = (false, 0)
        let fileStart = connection.source.isFile ? settings.startOfFile() : nil
        let live = !connection.source.isFile && !connection.source.isPolled
        let analysing = AnalysisFlag()
        return try await withThrowingTaskGroup(of: Void.self, returning: Bool.self) { group in
            do {
                while true {
                    try Task.checkCancellation()
                    if connection.source.isPolled { try await Task.sleep(for: .seconds(sampler.wait(at: now().timeIntervalSince1970))) }
                    let time: Double?
                    do { time = try await connection.advance() } catch StreamError.streamClosed where connection.source.isFile {
                        return true
                    }
                    let moment = now()
                    let unsampled = sampler
                    guard sampler.isDue(at: time ?? moment.timeIntervalSince1970) else { continue }
                    guard !analysing.isSet, let image = try await decodeSample(connection, badFrames: &badFrames) else {
                        sampler = unsampled  // the next frame takes this sample
                        continue
                    }
                    if !announced { try await announceOnline(connection, backoff: &backoff, announced: &announced) }
                    let sample = Sample(image: image, time: time ?? moment.timeIntervalSince1970,
                                        capturedAt: time.map { fileStart!.addingTimeInterval($0) } ?? moment, receivedAt: moment)
                    try await analyse(sample, beside: live ? analysing : nil, in: &group)
                }
            } catch {
                // A sample being analysed when the connection fails is stored before it is given up.
                try await group.waitForAll()
                throw error
            }
        }
    }

    /// One decoded sample and its times: `time` on the stream's clock, the others as stored.
    private struct Sample: Sendable {
        let image: Image
        let time: Double
        let capturedAt: Date
        let receivedAt: Date
    }

    /// Analyses `sample` in turn, or, with the live source's `flag`, beside the reading: the last
    /// analysis (already finished, or the frame would not have been sampled) is reaped first.
    private func analyse(_ sample: Sample, beside flag: AnalysisFlag?, in group: inout ThrowingTaskGroup<Void, any Error>) async throws {
        guard let flag else { return await process(sample) }
        while try await group.next() != nil {}
        flag.set(true)
        group.addTask {
            await process(sample)
            flag.set(false)
        }
    }

    /// The frame `advance` moved to, or nil for a corrupt one while few came in a row.
    private func decodeSample(_ connection: StreamConnection, badFrames: inout Int) async throws -> Image? {
        do {
            let image = try await connection.decode()
            badFrames = 0
            return image
        } catch let error as StreamError {
            badFrames += 1
            if badFrames >= Self.badFramesTolerated { throw error }
            return nil
        }
    }

    private func announceOnline(_ connection: StreamConnection, backoff: inout Backoff, announced: inout Bool) async throws {
        try await health.online(at: now())
        logger.info("stream online", metadata: ["camera": "\(settings.camera)", "source": "\(connection.source.name)"])
        (announced, backoff) = (true, Backoff(settings.backoff))
    }

    /// A stream may corrupt a frame now and then; this many in a row means it sends garbage.
    static let badFramesTolerated = 3

    /// A failure here costs one sample, not the connection.
    private func process(_ sample: Sample) async {
        do {
            let reading = try await reader.read(
                sample.image, camera: settings.camera, layout: layouts[settings.camera], at: sample.time, capturedAt: sample.capturedAt)
            let stored = try await recorder.record(
                reading, image: sample.image, camera: settings.camera, source: settings.source,
                capturedAt: sample.capturedAt, receivedAt: sample.receivedAt)
            var metadata: Logger.Metadata = ["camera": "\(settings.camera)", "reclassified": "\(reading.reclassified)"]
            if let reading = stored.reading { metadata["free"] = "\(reading.free)/\(reading.total)" }
            logger.debug("sample stored", metadata: metadata)
            onSample(stored)
        } catch {
            logger.error("sample not stored: \(error)", metadata: ["camera": "\(settings.camera)"])
        }
    }
}

/// Whether a live sample is still being analysed; the task that analyses it clears it.
private final class AnalysisFlag: Sendable {
    private let state = Mutex(false)

    var isSet: Bool { state.withLock { $0 } }

    func set(_ value: Bool) { state.withLock { $0 = value } }
}
