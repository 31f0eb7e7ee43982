import NIOPosix
import StrataRecommend
import Synchronization

/// The server's one way to run work that blocks a thread — store reads and writes, waiting for the
/// writer, start-up's stages, refits, scoring the catalog — off Swift's cooperative pool: NIO's thread
/// pool (`NIOThreadPool.runIfActive`). On the cooperative pool (two threads on two cores) such work would
/// stall every other task of the process, such as other requests or other servers' start-up.
///
/// Two pools, by what the work spends its time on (work that must run in arrival order, one item at a
/// time, queues on a `SerialBlockingQueue` in front of the second):
/// - `computing`: CPU work (scoring, encoding a text) on `NIOThreadPool.singleton`, one thread per
///   core, serving requests in arrival order (see `computing` for the latencies measured).
/// - `blocking`: work that mostly waits — for the writer (a write holds it while the batches that arrive
///   queue to be applied with it as one group), for the database, for minutes of start-up or a refit —
///   on `waitingPool`, whose threads outnumber the cores so that waiting work never holds every thread
///   and keeps a health check or a recommendation from running.
extension StrataServer {
    /// The threads `blocking` runs on, shared by every server of the process and never shut down (as
    /// `NIOThreadPool.singleton` is not); 64 threads, the most Dispatch's global queue, which ran this
    /// work before, would use at once.
    static let waitingPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 64)
        pool.start()
        return pool
    }()

    /// Runs `work`, which blocks its thread mostly waiting (on the writer, the database, a long stage),
    /// on `waitingPool`.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await waitingPool.runIfActive(work)
    }

    /// Runs a request's CPU-heavy work (scoring the catalog, encoding a text) on NIO's thread pool, one
    /// thread per core serving work in arrival order, and turns a parameter the recommender refuses (such as
    /// a `k` beyond the catalog) into a 400.
    ///
    /// On the Swift cooperative pool, with several clients at once, some requests waited 15–40 ms while
    /// later ones ran (p90 15 ms against 3.4 ms here at 4 connections; BENCHMARKS.md, Serving).
    static func computing<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(work)
        } catch let error as RecommendError {
            throw APIError.badRequest(error.description)
        }
    }
}

/// Work that must run one item at a time in arrival order (another process's changes to a shared
/// store), on `StrataServer.waitingPool`: items queue here, and one pool thread at a time drains them.
final class SerialBlockingQueue: Sendable {
    private let state = Mutex((pending: [@Sendable () -> Void](), draining: false))

    /// Runs `work` after every item queued before it, on the waiting pool.
    func async(_ work: @escaping @Sendable () -> Void) {
        let start = state.withLock { state -> Bool in
            state.pending.append(work)
            defer { state.draining = true }
            return !state.draining
        }
        if start { StrataServer.waitingPool.submit { _ in self.drain() } }
    }

    private func drain() {
        while let next = state.withLock({ state -> (@Sendable () -> Void)? in
            guard !state.pending.isEmpty else {
                state.draining = false
                return nil
            }
            return state.pending.removeFirst()
        }) {
            next()
        }
    }
}
