import Dispatch
import Synchronization

/// Runs `work` as a task and blocks the calling thread until it ends: the package's one way to wait for
/// asynchronous code from synchronous code. The package's concurrency model, in three lines:
/// - the `Store` API and the stages above it are synchronous;
/// - the server runs blocking work on its own thread pools (`StrataServer.blocking` and `computing`);
/// - asynchronous clients (postgres-nio, the LLM's HTTP client) are reached from synchronous code only here.
///
/// The task runs on `executor` when one is given (see the PostgreSQL store's connections), otherwise on
/// Swift's global executor. `endingEarly` is called once, before the task starts, with a function that
/// ends the wait by throwing the error it is given: the first of the task's result and that error wins,
/// and a task still running then is left to end on its own. Never call from a task or an executor's
/// thread: the thread this blocks could be the one `work` needs.
public func waitForTask<T: Sendable, Failure: Error>(
    preferring executor: (any TaskExecutor)? = nil,
    endingEarly: (_ end: @escaping @Sendable (Failure) -> Void) -> Void = { _ in },
    _ work: @escaping @Sendable () async throws(Failure) -> T
) throws(Failure) -> T {
    let outcome = Outcome<T, Failure>()
    endingEarly { outcome.finish(.failure($0)) }
    Task(executorPreference: executor) {
        do throws(Failure) {
            outcome.finish(.success(try await work()))
        } catch {
            outcome.finish(.failure(error))
        }
    }
    return try outcome.wait()
}

/// The first result handed to a waiting thread (by its task or by whoever ends the wait early).
private final class Outcome<T: Sendable, Failure: Error>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Set once, before `done` is signalled.
    private let result = Mutex<Result<T, Failure>?>(nil)

    /// Keeps `result` unless one was kept before, and wakes the waiting thread.
    func finish(_ result: Result<T, Failure>) {
        let first = self.result.withLock { kept in
            guard kept == nil else { return false }
            kept = result
            return true
        }
        if first { done.signal() }
    }

    /// Blocks until a result is kept, then returns or throws it.
    func wait() throws(Failure) -> T {
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
