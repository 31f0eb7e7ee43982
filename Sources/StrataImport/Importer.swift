import Foundation
import StrataCore
import StrataStore

/// Reads a platform's files into a store. Each import is one transaction: with default options the
/// first invalid record fails it and nothing of the file is stored. Re-importing a file changes nothing.
public enum Importer {
    /// Runs `body` in one store transaction with the shared bookkeeping, and returns its summary.
    static func run(
        into store: any Store, options: ImportOptions,
        _ body: (any StoreWriter, ImportRun) throws -> Void
    ) throws -> ImportSummary {
        let run = try ImportRun(options: options)
        try store.write { writer in
            try body(writer, run)
            run.summary.users += writer.usersCreated
        }
        return run.summary
    }

    /// Stores an event whose item may be missing from the catalog, per `options.unknownItems`.
    static func storeEvent(
        _ event: Event, writer: any StoreWriter, run: ImportRun, options: ImportOptions,
        fields: FieldParser, itemField: String
    ) throws -> RecordOutcome {
        if try !writer.containsItem(event.itemID) {
            guard options.unknownItems == .create else {
                var problem = fields.problem(
                    itemField,
                    "expected an item of the catalog, found unknown item \"\(event.itemID)\" "
                        + "(import the items first, or import with unknown items created bare)")
                problem.kind = .unknownItem
                throw problem
            }
            if try writer.insertBareItem(id: event.itemID) { run.summary.items += 1 }
        }
        guard try writer.insert(options.stored(event)) else { return .duplicate }
        run.summary.events[event.type.rawValue, default: 0] += 1
        return .inserted
    }

    /// Stores or updates `user`, under the id `options.storedUserID` gives.
    static func storeUser(_ user: User, writer: any StoreWriter, run: ImportRun, options: ImportOptions) throws
        -> RecordOutcome
    {
        var user = user
        user.id = options.storedUserID(user.id)
        return upserted(try writer.upsert(user), run: run, items: false)
    }

    /// Reads every row of a `TableReader`, handing readable ones to `body`.
    static func forEachRow(
        _ reader: inout TableReader, run: ImportRun,
        _ body: (TableRow, FieldParser) throws -> RecordOutcome
    ) throws {
        while let next = try reader.next() {
            switch next {
            case .success(let row):
                let fields = FieldParser(file: reader.fileName, line: row.line)
                try run.record(raw: row.raw) { try body(row, fields) }
            case .failure(let unreadable):
                try run.reject(unreadable.problem, raw: unreadable.raw)
            }
            run.progress(reader.fileName, reader.progress)
        }
        run.progress(reader.fileName, reader.progress, final: true)
    }
}
