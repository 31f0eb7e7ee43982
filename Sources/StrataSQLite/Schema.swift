import GRDB

/// The SQLite schema, as an ordered list of migrations (each runs once per database file).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: items, users, events, item embeddings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE items (
                        id TEXT PRIMARY KEY NOT NULL,
                        title TEXT NOT NULL DEFAULT '',
                        description TEXT NOT NULL DEFAULT '',
                        categories TEXT NOT NULL DEFAULT '',  -- category paths joined with '|'
                        attributes TEXT NOT NULL DEFAULT '{}'  -- JSON object, keys sorted
                    );
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY NOT NULL,
                        attributes TEXT NOT NULL DEFAULT '{}'  -- JSON object, keys sorted
                    );
                    -- Keyed by an event's identity, whose column order also serves per-user scans in
                    -- time order; WITHOUT ROWID keeps table and key in one b-tree.
                    CREATE TABLE events (
                        user_id TEXT NOT NULL,
                        timestamp INTEGER NOT NULL,
                        item_id TEXT NOT NULL,
                        type TEXT NOT NULL,
                        text TEXT NOT NULL DEFAULT '',  -- '' when the event has no text
                        value REAL,
                        PRIMARY KEY (user_id, timestamp, item_id, type, text)
                    ) WITHOUT ROWID;
                    CREATE INDEX events_by_item ON events(item_id, timestamp);
                    CREATE TABLE item_embeddings (
                        model_id TEXT NOT NULL,
                        item_id TEXT NOT NULL,
                        text_hash TEXT NOT NULL,
                        dimension INTEGER NOT NULL,
                        vector BLOB NOT NULL,  -- dimension Float32 values, little-endian
                        PRIMARY KEY (model_id, item_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: topic models and user profiles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE topic_models (
                        model_id TEXT PRIMARY KEY NOT NULL,  -- the text encoder the topics were fitted on
                        model TEXT NOT NULL                   -- TopicModel as JSON
                    );
                    CREATE TABLE profiles (
                        user_id TEXT PRIMARY KEY NOT NULL,
                        reference_time INTEGER NOT NULL,
                        event_count INTEGER NOT NULL,
                        interests TEXT NOT NULL,  -- {"surface": [Interest], "middle": [...], "deep": [...]} as JSON
                        surface BLOB NOT NULL,    -- layer vectors: Float32 values, little-endian
                        middle BLOB NOT NULL,
                        deep BLOB NOT NULL
                    ) WITHOUT ROWID;
                    -- What each derived stage was last computed from, to tell when it is stale.
                    CREATE TABLE stage_inputs (
                        stage TEXT PRIMARY KEY NOT NULL,
                        fingerprint TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3: segments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE segment_models (
                        layer TEXT PRIMARY KEY NOT NULL,  -- surface, middle or deep
                        model TEXT NOT NULL                -- SegmentModel (segments with centroids) as JSON, memberships apart
                    ) WITHOUT ROWID;
                    CREATE TABLE segment_memberships (
                        layer TEXT NOT NULL,
                        user_id TEXT NOT NULL,
                        segment INTEGER NOT NULL,     -- the hard segment
                        memberships TEXT NOT NULL,    -- [{"segment", "weight"}] as JSON, strongest first
                        PRIMARY KEY (layer, user_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX segment_memberships_by_segment ON segment_memberships(layer, segment);
                    """)
        }
        migrator.registerMigration("v4: event counts") { db in
            // Counted once here (sorting on temporary files, not in memory); every write and deletion
            // keeps the counts after that (`SQLiteWriter.finish`, `SQLiteStore.deleteUser`).
            try db.execute(sql: "PRAGMA temp_store = FILE")
            defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
            try db.execute(
                sql: """
                    -- How many events of each type the store holds, and their first and last times, so that
                    -- its stats read a few rows instead of sorting every event.
                    CREATE TABLE event_counts (
                        type TEXT PRIMARY KEY NOT NULL,
                        count INTEGER NOT NULL,
                        first INTEGER NOT NULL,
                        last INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO event_counts(type, count, first, last)
                        SELECT type, count(*), min(timestamp), max(timestamp) FROM events GROUP BY type;
                    """)
        }
        migrator.registerMigration("v5: vectors in rowid tables") { db in
            // A WITHOUT ROWID table is an index b-tree, which keeps at most about a quarter of a page of a row in
            // place: a 384-dimension vector (1,536 bytes) overflowed into a page of its own, so item vectors and
            // profiles took about three times their size. Rowid tables keep rows up to nearly a page in place; the
            // keys stay unique through their own indexes. (Copied out and back rather than renamed: ALTER TABLE
            // RENAME opens the connection's temporary schema, after which a write can no longer set temp_store.)
            try db.execute(
                sql: """
                    CREATE TABLE v5_copy AS SELECT * FROM item_embeddings;
                    DROP TABLE item_embeddings;
                    CREATE TABLE item_embeddings (
                        model_id TEXT NOT NULL,
                        item_id TEXT NOT NULL,
                        text_hash TEXT NOT NULL,
                        dimension INTEGER NOT NULL,
                        vector BLOB NOT NULL,  -- dimension Float32 values, little-endian
                        UNIQUE (model_id, item_id)
                    );
                    INSERT INTO item_embeddings SELECT model_id, item_id, text_hash, dimension, vector
                        FROM v5_copy ORDER BY model_id, item_id;
                    DROP TABLE v5_copy;
                    CREATE TABLE v5_copy AS SELECT * FROM profiles;
                    DROP TABLE profiles;
                    CREATE TABLE profiles (
                        user_id TEXT NOT NULL UNIQUE,
                        reference_time INTEGER NOT NULL,
                        event_count INTEGER NOT NULL,
                        interests TEXT NOT NULL,  -- {"surface": [Interest], "middle": [...], "deep": [...]} as JSON
                        surface BLOB NOT NULL,    -- layer vectors: Float32 values, little-endian
                        middle BLOB NOT NULL,
                        deep BLOB NOT NULL
                    );
                    INSERT INTO profiles SELECT user_id, reference_time, event_count, interests, surface, middle, deep
                        FROM v5_copy ORDER BY user_id;
                    DROP TABLE v5_copy;
                    """)
        }
        return migrator
    }
}
