import Foundation
import Logging
import NIOPosix
import PostgresNIO
import StrataMath

/// The store's connections to one database: idle ones are reused, new ones opened on demand, broken
/// ones dropped, so the store reconnects by itself once the server is back.
final class PostgresConnections: @unchecked Sendable {
    let location: PostgresLocation
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var idle: [PostgresConnection] = []
    /// Guarded by `lock`.
    private var nextID = 0
    let logger: Logger = {
        var logger = Logger(label: "strata.postgres")
        logger.logLevel = .warning
        return logger
    }()

    init(location: PostgresLocation) {
        self.location = location
    }

    /// Closes the idle connections (waiting for each: the store is released off NIO's event loops).
    deinit {
        for connection in idle { try? connection.close().wait() }
    }

    /// Runs `body` with one connection of its own (its statements run in order on it), then returns the
    /// connection to the idle ones unless it broke. Inside `pinning(_:_:)` on this thread, the pinned
    /// connection, unless it is in use already.
    @discardableResult func withConnection<T>(_ body: (Lease) throws -> T) throws -> T {
        if let pinned = Self.pinned, pinned.owner == ObjectIdentifier(self), let lease = pinned.take() {
            defer { pinned.giveBack() }
            return try body(lease)
        }
        return try withPooledConnection(body)
    }

    /// Runs `body` with a connection from the idle ones or a new one (never a pinned one), then returns
    /// the connection to the idle ones unless it broke.
    @discardableResult func withPooledConnection<T>(_ body: (Lease) throws -> T) throws -> T {
        let lease = Lease(connection: try take(), location: location, logger: logger)
        defer { giveBack(lease.connection) }
        return try body(lease)
    }

    /// Runs `work` on a connection of its own (see `withConnection`).
    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        try withConnection { try $0.run(work) }
    }

    /// One connection lent to a caller.
    struct Lease: Sendable {
        let connection: PostgresConnection
        let location: PostgresLocation
        let logger: Logger

        /// Runs postgres-nio's `async` work on the connection for the synchronous `Store` API, blocking the
        /// calling thread (`waitForTask`); postgres-nio's errors become `PostgresStoreError`s naming the
        /// server. Should the connection close first, it throws `ConnectionClosed` then, without waiting
        /// for `work` (an answer on a closed connection may never come; `work` is left to end on its own).
        ///
        /// The work runs as a task whose executor preference is the connection's NIO event loop, where its
        /// I/O happens anyway: it needs no thread of Swift's cooperative pool nor of Dispatch's. (With jobs
        /// on a Dispatch queue, every statement of a write waited for a Dispatch worker while the server's
        /// blocked callers, waiting for the writer, held them all; Dispatch adds workers slowly on Linux,
        /// so ingest through one server with 4 connections stalled for seconds.) The work must only await,
        /// never block. Never call from an event loop thread (the loop could wait for itself).
        func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
            let (connection, logger) = (self.connection, self.logger)
            return try mappingErrors {
                try waitForTask(
                    preferring: EventLoopTaskExecutor(connection.eventLoop),
                    endingEarly: { end in connection.closeFuture.whenComplete { _ in end(ConnectionClosed()) } }
                ) { try await work(connection, logger) }
            }
        }

        /// Runs one statement and returns every row.
        func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
            try result(of: query).rows
        }

        /// Runs one statement, ignoring its rows; returns the number of rows it changed.
        @discardableResult func execute(_ query: PostgresQuery) throws -> Int {
            try result(of: query).metadata.rows ?? 0
        }

        /// Runs one statement, blocking until its answer. The statement is handed to the connection on
        /// its event loop, and only while the connection is open: then postgres-nio answers it or fails
        /// it when the connection closes. (Handed over once closed, it would be dropped unanswered, and
        /// the wait would never end.)
        private func result(of query: PostgresQuery) throws -> PostgresQueryResult {
            let (connection, logger) = (self.connection, self.logger)
            return try mappingErrors {
                try connection.eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
                    connection.isClosed
                        ? connection.eventLoop.makeFailedFuture(ConnectionClosed())
                        : connection.query(query, logger: logger)
                }.wait()
            }
        }

        /// Runs `body`, turning postgres-nio's errors into `PostgresStoreError`s naming the server.
        private func mappingErrors<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as PSQLError where error.serverInfo == nil {
                throw PostgresStoreError.unreachable(
                    location: location.description, reason: PostgresStoreError.reason(error))
            } catch let error as PSQLError {
                throw PostgresStoreError.failed(
                    location: location.description, reason: PostgresStoreError.reason(error))
            } catch is ConnectionClosed {
                throw PostgresStoreError.unreachable(
                    location: location.description, reason: "the connection was closed")
            }
        }

        /// Runs `body` between `BEGIN` and `COMMIT`; rolls back if it throws.
        func transaction<T>(_ body: () throws -> T) throws -> T {
            try execute("BEGIN")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs one statement on a connection of its own and returns every row.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try withConnection { try $0.rows(query) }
    }

    private func take() throws -> PostgresConnection {
        let (reused, id) = lock.withLock { () -> (PostgresConnection?, Int) in
            while let connection = idle.popLast() {
                if !connection.isClosed { return (connection, 0) }
            }
            nextID += 1
            return (nil, nextID)
        }
        if let reused { return reused }
        let (configuration, logger) = (location.configuration, self.logger)
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: id, logger: logger
            ).wait()
        } catch {
            throw PostgresStoreError.unreachable(
                location: location.description, reason: PostgresStoreError.reason(error))
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        lock.withLock { idle.append(connection) }
    }
}

/// A statement was not run because its connection had closed.
struct ConnectionClosed: Error {}
