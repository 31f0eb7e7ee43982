import PostgresNIO
import StrataStore

/// The PostgreSQL schema: the SQLite one (`Schema`) in PostgreSQL's types, as an ordered list of
/// migrations, each applied once per database and recorded in `strata_migrations`.
///
/// Text keys use the "C" collation so that every `ORDER BY` sorts as SQLite does (by bytes); vectors
/// are `bytea` holding little-endian Float32 values, as SQLite's blobs.
enum PostgresSchema {
    static let migrations: [(name: String, sql: [String])] = [
        (
            "v1: items, users, events, item embeddings",
            [
                """
                CREATE TABLE items (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    title TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    categories TEXT NOT NULL DEFAULT '',
                    attributes TEXT NOT NULL DEFAULT '{}'
                )
                """,
                """
                CREATE TABLE users (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    attributes TEXT NOT NULL DEFAULT '{}'
                )
                """,
                """
                CREATE TABLE events (
                    user_id TEXT COLLATE "C" NOT NULL,
                    timestamp BIGINT NOT NULL,
                    item_id TEXT COLLATE "C" NOT NULL,
                    type TEXT COLLATE "C" NOT NULL,
                    text TEXT COLLATE "C" NOT NULL DEFAULT '',
                    value DOUBLE PRECISION,
                    PRIMARY KEY (user_id, timestamp, item_id, type, text)
                )
                """,
                "CREATE INDEX events_by_item ON events(item_id, timestamp)",
                """
                CREATE TABLE item_embeddings (
                    model_id TEXT COLLATE "C" NOT NULL,
                    item_id TEXT COLLATE "C" NOT NULL,
                    text_hash TEXT NOT NULL,
                    dimension INTEGER NOT NULL,
                    vector BYTEA NOT NULL,
                    PRIMARY KEY (model_id, item_id)
                )
                """
            ]
        ),
        (
            "v2: topic models and user profiles",
            [
                "CREATE TABLE topic_models (model_id TEXT COLLATE \"C\" PRIMARY KEY, model TEXT NOT NULL)",
                """
                CREATE TABLE profiles (
                    user_id TEXT COLLATE "C" PRIMARY KEY,
                    reference_time BIGINT NOT NULL,
                    event_count INTEGER NOT NULL,
                    interests TEXT NOT NULL,
                    surface BYTEA NOT NULL,
                    middle BYTEA NOT NULL,
                    deep BYTEA NOT NULL
                )
                """,
                "CREATE TABLE stage_inputs (stage TEXT COLLATE \"C\" PRIMARY KEY, fingerprint TEXT NOT NULL)"
            ]
        ),
        (
            "v3: segments",
            [
                "CREATE TABLE segment_models (layer TEXT COLLATE \"C\" PRIMARY KEY, model TEXT NOT NULL)",
                """
                CREATE TABLE segment_memberships (
                    layer TEXT COLLATE "C" NOT NULL,
                    user_id TEXT COLLATE "C" NOT NULL,
                    segment INTEGER NOT NULL,
                    memberships TEXT NOT NULL,
                    PRIMARY KEY (layer, user_id)
                )
                """,
                "CREATE INDEX segment_memberships_by_segment ON segment_memberships(layer, segment)"
            ]
        ),
        (
            "v4: segment fit numbers",
            ["ALTER TABLE segment_models ADD COLUMN fit_number BIGINT NOT NULL DEFAULT 0"]
        ),
        (
            // Numbers events in the order they are stored, so a process that missed notifications reads
            // what it missed (`PostgresEventFeed.catchUp`).
            "v5: event sequence numbers",
            ["ALTER TABLE events ADD COLUMN seq BIGSERIAL", "CREATE INDEX events_by_seq ON events(seq)"]
        ),
        (
            // Fitted recommender models, shared by the processes on this database (`PostgresFitKeeper`).
            "v6: kept fits",
            [
                """
                CREATE TABLE kept_fits (
                    kind TEXT COLLATE "C" NOT NULL,
                    fingerprint TEXT COLLATE "C" NOT NULL,
                    chunk INTEGER NOT NULL,
                    data BYTEA NOT NULL,
                    PRIMARY KEY (kind, fingerprint, chunk)
                )
                """
            ]
        )
    ]

    /// Applies the migrations the database lacks, in one transaction under an advisory lock, so servers
    /// starting together migrate once.
    static func migrate(_ lease: PostgresConnections.Lease) throws {
        try lease.transaction {
            try lease.execute("SELECT pg_advisory_xact_lock(\(PostgresLocks.namespace), \(PostgresLocks.migration))")
            try lease.execute(
                """
                CREATE TABLE IF NOT EXISTS strata_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """)
            let applied = Set(try lease.rows("SELECT name FROM strata_migrations").map { try $0.decode(String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.sql {
                    try lease.execute(PostgresQuery(unsafeSQL: statement))
                }
                try lease.execute("INSERT INTO strata_migrations(name) VALUES (\(migration.name))")
            }
        }
    }
}

/// The advisory locks Strata takes, as (namespace, key) pairs.
enum PostgresLocks {
    /// Strata's namespace of advisory lock keys ("STRA").
    static let namespace: Int32 = 0x5354_5241
    /// Held while migrating the schema.
    static let migration: Int32 = 1
    /// Held by a transaction that stores events, so two writers never decide an event is new at once.
    static let events: Int32 = 2

    /// Held by a transaction that keeps a fit (`PostgresFitKeeper`), so two keeping one kind take turns.
    static let keptFits: Int32 = 5

    /// Held by the session of the process fitting `fit`, for as long as it fits and stores it.
    static func fitting(_ fit: FitKind) -> Int32 {
        switch fit {
        case .segments: 3
        case .recommender: 4
        }
    }
}
