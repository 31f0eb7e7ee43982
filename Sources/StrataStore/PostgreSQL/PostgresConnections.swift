import Foundation
import Logging
import NIOPosix
import PostgresNIO

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
    /// connection to the idle ones unless it broke.
    @discardableResult func withConnection<T>(_ body: (Lease) throws -> T) throws -> T {
        let lease = Lease(connection: try take(), location: location, logger: logger)
        defer { giveBack(lease.connection) }
        return try body(lease)
    }

    /// Runs `work` on a connection of its own (see `withConnection`).
    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        try withConnection { try $0.run(work) }
    }

    /// One connection lent to a caller.
    struct Lease {
        let connection: PostgresConnection
        let location: PostgresLocation
        let logger: Logger

        /// Runs `work` on the connection, blocking (see `BlockingBridge`); postgres-nio's errors become
        /// `PostgresStoreError`s naming the server.
        func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
            let (connection, logger) = (self.connection, self.logger)
            do {
                return try BlockingBridge.run { try await work(connection, logger) }
            } catch let error as PSQLError where error.serverInfo == nil {
                throw PostgresStoreError.unreachable(
                    location: location.description, reason: PostgresStoreError.reason(error))
            } catch let error as PSQLError {
                throw PostgresStoreError.failed(
                    location: location.description, reason: PostgresStoreError.reason(error))
            }
        }

        /// Runs one statement and returns every row.
        func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
            try run { connection, logger in
                var rows: [PostgresRow] = []
                for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
                return rows
            }
        }

        /// Runs one statement, ignoring its rows; returns the number of rows it changed.
        @discardableResult func execute(_ query: PostgresQuery) throws -> Int {
            try run { connection, logger in
                let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
                return try await result.get().metadata.rows ?? 0
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
