import Foundation
import PostgresNIO

/// Runs postgres-nio's `async` calls for the synchronous `Store` API, blocking the calling thread.
///
/// The work runs as a task whose executor preference is the connection's NIO event loop, where its I/O
/// happens anyway: it needs no thread of Swift's cooperative pool nor of Dispatch's. (With jobs on a
/// Dispatch queue, every statement of a write waited for a Dispatch worker while the server's blocked
/// callers, waiting for the writer, held them all; Dispatch adds workers slowly on Linux, so ingest
/// through one server with 4 connections stalled for seconds.) The work must only await, never block.
/// Never call from an event loop thread (the loop could wait for itself).
enum BlockingBridge {
    /// Runs `work` on `loop` to its end and returns its result or throws its error; or throws
    /// `ConnectionClosed` as soon as `closed` completes, without waiting for `work` (an answer on a
    /// closed connection may never come; `work` is left to end on its own).
    static func run<T: Sendable>(
        on loop: any EventLoop, abandonedWhen closed: EventLoopFuture<Void>,
        _ work: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let outcome = Outcome<T>()
        closed.whenComplete { _ in outcome.finish(.failure(ConnectionClosed())) }
        Task(executorPreference: EventLoopTaskExecutor(loop)) {
            do {
                outcome.finish(.success(try await work()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        return try outcome.wait()
    }

    /// One result, handed from the task (or the closing connection) to the waiting thread: the first
    /// one given.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        /// Guarded by `lock`; set once, before `done` is signalled.
        private var result: Result<T, any Error>?

        func finish(_ result: Result<T, any Error>) {
            let first = lock.withLock {
                guard self.result == nil else { return false }
                self.result = result
                return true
            }
            if first { done.signal() }
        }

        func wait() throws -> T {
            done.wait()
            return try lock.withLock { result! }.get()
        }
    }
}

/// A task executor running jobs on one NIO event loop.
private final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
