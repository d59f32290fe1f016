import ParkWatchEvaluation
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
    private var drawn = false

    init(noun: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.noun = noun
        self.enabled = enabled
        drawnAt = start
    }

    /// Redraws the line, at most once a second; the last item clears it.
    func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard done < total else { return clear() }
        guard now - drawnAt >= .seconds(1) else { return }
        drawnAt = now
        draw("parkwatch: " + ProgressText.line(done: done, total: total, noun: noun, elapsed: now - start))
    }

    /// Clears the line, so that what stderr says next starts on a clean line.
    func clear() {
        guard drawn else { return }
        draw("")
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        drawn = !text.isEmpty
    }
}
