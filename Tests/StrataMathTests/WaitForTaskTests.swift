import Dispatch
import Foundation
import StrataMath
import Synchronization
import Testing

/// `waitForTask`: the blocked thread gets the task's result or error, or the error that ends the wait
/// early, whichever comes first. Each wait blocks a thread of its own, never one of Swift's pool.
@Suite struct WaitForTaskTests {
    struct Refused: Error, Equatable {}
    struct Closed: Error, Equatable {}

    @Test func returnsTheTasksResult() async {
        let value = await Self.onThread { waitForTask { await Self.answer() } }
        #expect(value == 42)
    }

    @Test func throwsTheTasksError() async {
        let result = await Self.onThread { Result { try waitForTask { () async throws -> Int in throw Refused() } } }
        #expect(throws: Refused()) { try result.get() }
    }

    @Test func runsOnThePreferredExecutor() async {
        let executor = QueueExecutor()
        let value = await Self.onThread { waitForTask(preferring: executor) { await Self.answer() } }
        #expect(value == 42)
        #expect(executor.jobs.load(ordering: .relaxed) > 0)
    }

    /// A work that would never end on its own: ending the wait early wins, and the work is left to end
    /// when it can (here: once the test lets it).
    @Test func endingEarlyWinsOverAWorkThatDoesNotEnd() async {
        let (never, release) = AsyncStream.makeStream(of: Int.self)
        let result = await Self.onThread {
            Result {
                try waitForTask(endingEarly: { end in end(Closed()) }) { () async throws -> Int in
                    for await value in never { return value }
                    throw Refused()
                }
            }
        }
        release.finish()
        #expect(throws: Closed()) { try result.get() }
    }

    static func answer() async -> Int {
        await Task.yield()
        return 42
    }

    /// `body`'s result, computed on a thread of its own (so its blocking takes no thread from Swift's pool).
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}

/// A task executor running jobs on one serial Dispatch queue, counting them.
private final class QueueExecutor: TaskExecutor {
    let queue = DispatchQueue(label: "wait-for-task-test")
    let jobs = Atomic(0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.add(1, ordering: .relaxed)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
