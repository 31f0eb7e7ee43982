import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal so that
/// logs and pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast

    /// A bar for `total` units of work, titled `label`.
    init(_ label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
    }

    /// Shows that `done` units are finished; redraws at most ten times a second.
    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %@ %3.0f%% %d/%d  %.0f/s ", label, bar, fraction * 100, done, total, rate)
        StandardError.write(line)
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        update(total)
        StandardError.write("\n")
    }
}
