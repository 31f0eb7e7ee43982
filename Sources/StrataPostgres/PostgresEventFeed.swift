import Foundation
import Logging
import NIOPosix
import PostgresNIO
import StrataStore

/// The change feed between processes sharing a database: a transaction that stored events sends their
/// users with `NOTIFY` (delivered only if it commits), one that stored fitted segments says so; every
/// process `LISTEN`s on its own connection.
/// Nothing polls tables.
enum PostgresEventFeed {
    static let channel = "strata_events"
    /// The longest payload sent at once (PostgreSQL's limit is 8000 bytes).
    static let payloadLimit = 7000

    /// The payloads announcing `users` from `origin`: the origin on the first line, a user a line.
    static func payloads(origin: String, users: some Sequence<String>) -> [String] {
        var payloads: [String] = []
        var current = origin
        for user in users {
            if current.utf8.count + user.utf8.count + 1 > payloadLimit {
                payloads.append(current)
                current = origin
            }
            current += "\n" + user
        }
        if current != origin { payloads.append(current) }
        return payloads
    }

    /// The payload announcing that `origin` stored fitted segments: the origin and `fitted segments` on
    /// one line (an origin is a UUID, so without spaces).
    static func segmentsFitted(origin: String) -> String { origin + " fitted segments" }

    /// What `payload` announces; `nil` when it comes from `origin` (this process).
    static func change(in payload: String, ignoring origin: String) -> SharedChange? {
        let lines = payload.split(separator: "\n").map(String.init)
        guard let first = lines.first, first != origin, first != segmentsFitted(origin: origin) else { return nil }
        if first.hasSuffix(" fitted segments") { return .segmentsFitted }
        return .events(users: Array(lines.dropFirst()))
    }

    /// Listens until the calling task is cancelled, handing `handler` what every payload not from `origin`
    /// announces; after a broken connection, connects again every second, and once listening again hands it the users of
    /// the events stored meanwhile (`catchUp`), whose notifications it missed.
    static func follow(
        _ location: PostgresLocation, origin: String, logger: Logger,
        handler: @escaping @Sendable (SharedChange) -> Void
    ) async {
        var attempt = 0
        /// The last event accounted for (`events.seq`); `nil` before the first connection.
        var lastSeen: Int64?
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: location.configuration,
                    id: -attempt, logger: logger
                ).get()
                do {
                    try await connection.listen(on: channel) { notifications in
                        let (users, latest) = try await catchUp(on: connection, after: lastSeen, logger: logger)
                        if !users.isEmpty { handler(.events(users: users)) }
                        lastSeen = latest
                        for try await notification in notifications {
                            if let change = change(in: notification.payload, ignoring: origin) { handler(change) }
                        }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch  where !Task.isCancelled {
                logger.warning(
                    "listening for other processes' events on \(location): \(PostgresStoreError.reason(error)); retrying"
                )
            } catch {}
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Called once listening: the users with events stored after event `lastSeen` (none when `nil`: on the
    /// first connection there is nothing to catch up on), and the last stored event. Event writers take
    /// one advisory lock until they commit (`PostgresLocks.events`), so sequence numbers are committed in
    /// order and every event after `lastSeen` is a change the listener did not hear of.
    static func catchUp(on connection: PostgresConnection, after lastSeen: Int64?, logger: Logger) async throws
        -> (users: [String], latest: Int64)
    {
        let rows = try await connection.query(
            """
            SELECT (SELECT coalesce(max(seq), 0) FROM events),
                   (SELECT coalesce(array_agg(DISTINCT user_id), '{}') FROM events WHERE seq > \(lastSeen ?? Int64.max))
            """, logger: logger)
        for try await row in rows {
            let (latest, users) = try row.decode((Int64, [String]).self)
            return (users, latest)
        }
        return ([], lastSeen ?? 0)
    }
}
