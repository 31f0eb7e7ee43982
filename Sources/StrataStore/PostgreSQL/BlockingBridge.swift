import Dispatch
import Foundation

/// Runs postgres-nio's `async` calls for the synchronous `Store` API, blocking the calling thread.
///
/// The work runs as a task whose executor preference is a dedicated dispatch queue, so it needs no thread
/// of Swift's cooperative pool: a caller that is itself on that pool (2 threads on 2 cores) and blocks
/// here cannot starve the work it waits for. The I/O itself runs on NIO's event loops. Never call from
/// an event loop thread (the loop would wait for itself).
enum BlockingBridge {
    private static let executor = QueueTaskExecutor()

    /// Runs `work` to its end and returns its result or throws its error.
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        Task(executorPreference: executor) {
            do {
                outcome.finish(.success(try await work()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        return try outcome.wait()
    }

    /// One result, handed from the task to the waiting thread.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written once before `done` is signalled, read after waiting for it.
        private var result: Result<T, any Error>?

        func finish(_ result: Result<T, any Error>) {
            self.result = result
            done.signal()
        }

        func wait() throws -> T {
            done.wait()
            return try result!.get()
        }
    }
}

/// A task executor running jobs on a concurrent dispatch queue of its own.
private final class QueueTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "strata.postgres.bridge", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
