import NIOCore

/// A task executor running jobs on one NIO event loop: where the PostgreSQL store's blocking calls run
/// postgres-nio's `async` work (`PostgresConnections.Lease.run`), since its I/O happens there anyway.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
