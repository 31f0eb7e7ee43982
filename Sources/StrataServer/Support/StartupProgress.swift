import Foundation
import StrataPipeline
import Synchronization

/// How far the server's start-up is, for `/healthz` to report while it answers 503: the stage the
/// pipeline works on (its progress label, or its latest log line for a stage without progress) and,
/// where the stage counts, how many of how many units are done.
final class StartupProgress: Sendable {
    /// What `/healthz` answers while starting.
    struct Report: Codable, Equatable, Sendable {
        var status = "starting"
        var stage: String
        var done: Int?
        var total: Int?
    }

    private let current = Mutex(Report(stage: "opening the store"))

    /// The latest report.
    var report: Report { current.withLock { $0 } }

    /// Makes `pipeline` report its stages here, and still to its own reporters and log.
    func follow(_ pipeline: Pipeline) {
        let (progress, log) = (pipeline.progress, pipeline.log)
        pipeline.progress = { [self] label, total in
            current.withLock { $0 = Report(stage: label, done: 0, total: total) }
            return Reporter(inner: progress(label, total), startup: self, label: label, total: total)
        }
        pipeline.log = { [self] line in
            current.withLock { $0 = Report(stage: line) }
            log(line)
        }
    }

    /// Passes a stage's progress on and records it.
    private struct Reporter: ProgressReporter {
        let inner: any ProgressReporter
        let startup: StartupProgress
        let label: String
        let total: Int

        func update(_ done: Int) {
            startup.current.withLock { $0 = Report(stage: label, done: done, total: total) }
            inner.update(done)
        }

        func finish() { inner.finish() }
    }
}
