import Foundation
import PostgresNIO
import StrataStore

/// Fits kept in the database itself (table `kept_fits`, one row per chunk of at most `chunkBytes`), so
/// every process sharing the store reads the fit one of them made: the same data gives the same
/// fingerprint. A fit is written in one transaction that also deletes the kind's older rows, so a reader
/// sees a whole fit or none, and a process dying mid-write leaves nothing.
public struct PostgresFitKeeper: FitKeeper {
    /// The most bytes one row holds: 16 MB.
    public static let defaultChunkBytes = 16 << 20
    let connections: PostgresConnections
    /// The most bytes one row holds.
    public let chunkBytes: Int

    public var location: String { "\(connections.location.description) kept_fits" }

    public func read(kind: String, fingerprint: String) throws -> Data? {
        let rows = try connections.rows(
            """
            SELECT chunk, data FROM kept_fits WHERE kind = \(kind) AND fingerprint = \(fingerprint) ORDER BY chunk
            """)
        guard !rows.isEmpty else { return nil }
        var data = Data()
        for (expected, row) in rows.enumerated() {
            let (chunk, bytes) = try row.decode((Int, ByteBuffer).self)
            guard chunk == expected else { throw PostgresFitKeeperError.missingChunk(kind: kind, chunk: expected) }
            data.append(Data(buffer: bytes))
        }
        return data
    }

    public func keep(_ data: Data, kind: String, fingerprint: String) throws {
        try connections.withConnection { lease in
            try lease.transaction {
                // Two processes keeping the same kind at once take turns; the later one's fit stays.
                try lease.execute(
                    "SELECT pg_advisory_xact_lock(\(PostgresLocks.namespace), \(PostgresLocks.keptFits))")
                try lease.execute("DELETE FROM kept_fits WHERE kind = \(kind)")
                var chunk = 0
                var start = data.startIndex
                repeat {
                    let end = min(start + chunkBytes, data.endIndex)
                    try lease.execute(
                        """
                        INSERT INTO kept_fits(kind, fingerprint, chunk, data)
                        VALUES (\(kind), \(fingerprint), \(chunk), \(ByteBuffer(data: data[start ..< end])))
                        """)
                    chunk += 1
                    start = end
                } while start < data.endIndex
            }
        }
    }

    public func removeAll() throws {
        try connections.withConnection { try $0.execute("DELETE FROM kept_fits") }
    }
}

/// Why kept rows are not a whole fit.
enum PostgresFitKeeperError: Error, CustomStringConvertible {
    case missingChunk(kind: String, chunk: Int)

    var description: String {
        switch self {
        case .missingChunk(let kind, let chunk): "the kept \(kind) fit lacks its chunk \(chunk)"
        }
    }
}

extension PostgresStore {
    /// The fits kept in this database (`kept_fits`), in rows of at most `chunkBytes` (≥ 1).
    public func fitKeeper(chunkBytes: Int = PostgresFitKeeper.defaultChunkBytes) -> PostgresFitKeeper {
        precondition(chunkBytes > 0, "a kept fit's chunks hold at least one byte")
        return PostgresFitKeeper(connections: connections, chunkBytes: chunkBytes)
    }
}
