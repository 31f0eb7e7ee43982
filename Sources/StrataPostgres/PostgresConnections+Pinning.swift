import Synchronization

extension PostgresConnections {
    /// The connection pinned on this thread (`pinning`), with the connections it belongs to.
    @TaskLocal static var pinned: Pinned?

    /// Runs `body` with every statement this thread sends through `withConnection` (of these connections)
    /// going to `lease`, one caller at a time: a call made while it is in use, say from inside a write
    /// transaction on it, gets a connection of its own.
    ///
    /// `PostgresStore.whileFitting` pins its lock's connection, so what the fit stores commits only while
    /// its process holds the lock: the lock ends only with that connection, and a transaction on a closed
    /// connection does not commit.
    func pinning<T>(_ lease: Lease, _ body: () throws -> T) rethrows -> T {
        try Self.$pinned.withValue(Pinned(lease, owner: ObjectIdentifier(self))) { try body() }
    }

    /// A connection pinned to a thread, lent to one caller at a time.
    final class Pinned: Sendable {
        let owner: ObjectIdentifier
        private let lease: Lease
        private let inUse = Mutex(false)

        init(_ lease: Lease, owner: ObjectIdentifier) {
            (self.lease, self.owner) = (lease, owner)
        }

        /// The lease, unless it is lent already (`nil` then); give it back with `giveBack`.
        func take() -> Lease? {
            inUse.withLock { inUse in
                guard !inUse else { return nil }
                inUse = true
                return lease
            }
        }

        func giveBack() { inUse.withLock { $0 = false } }
    }
}
