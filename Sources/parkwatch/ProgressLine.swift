import Foundation
import ParkWatchOccupancy

/// One line of stderr, redrawn at most once a second, saying how far a long evaluation is. Only
/// when stderr is a terminal: a log file or a pipe (and the `--json` reader) gets nothing from it.
final class ProgressLine {
    private let noun: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    /// The first line also waits a second, so its estimate rests on more than one item.
    private var drawnAt: ContinuousClock.Instant

    init(noun: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.noun = noun
        self.enabled = enabled
        drawnAt = start
    }

    /// Draws the line; the last item clears it, so what follows starts on a clean line.
    func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if done < total, now - drawnAt < .seconds(1) { return }
        drawnAt = now
        let text = done < total ? "parkwatch: " + ProgressText.line(done: done, total: total, noun: noun, elapsed: now - start) : ""
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
}
