import Foundation
import StrataTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `strata serve` as a process: it computes the missing stages of a freshly imported store, takes
/// events, and on SIGTERM stops with every acknowledged event in the database.
@Suite(.serialized) struct ServeCommandTests {
    let key = "serve-test-key-0123456789"

    /// A database with the sample catalog and its first 2,000 events, nothing computed yet.
    func importedDatabase() async throws -> URL {
        let folder = try RepositoryPaths.temporaryFolder()
        let db = folder.appendingPathComponent("strata.sqlite")
        try await importSample(into: db.path, folder: folder)
        return db
    }

    /// A fresh database on the tests' PostgreSQL server (`TestPostgres`) holding what `importedDatabase`
    /// holds; its URL.
    func importedPostgres() async throws -> String {
        let folder = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try TestPostgres.shared().freshDatabase()
        try await importSample(into: url, folder: folder)
        return url
    }

    /// Imports the sample catalog and its first 2,000 events into `db` (a file path or a postgres://
    /// URL), writing the events' file into `folder`.
    func importSample(into db: String, folder: URL) async throws {
        let events = folder.appendingPathComponent("events.csv")
        let lines = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("sample/events.csv"), encoding: .utf8
        )
        .split(separator: "\n").prefix(2001)
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        #expect(try await RepositoryPaths.runStrata(["import", "items", "sample/items.csv", "--db", db]).status == 0)
        #expect(try await RepositoryPaths.runStrata(["import", "events", events.path, "--db", db]).status == 0)
    }

    /// Starts `strata serve` over `db` (a file path or a postgres:// URL) with `options`, returning the process and
    /// the port from its log.
    func serve(_ db: String, options: [String] = [], environment: [String: String]) async throws -> (
        Process, Int, LogLines
    ) {
        let process = Process()
        process.executableURL = RepositoryPaths.strataExecutable
        process.arguments = ["serve", "--db", db, "--port", "0"] + options
        process.currentDirectoryURL = RepositoryPaths.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let log = LogLines(pipe.fileHandleForReading)
        try process.run()
        guard let line = await log.waitFor("listening on http://127.0.0.1:"),
            let port = Int(line.split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw ServeTestError("no 'listening on' line in the log:\n\(log.text)")
        }
        return (process, port, log)
    }

    @Test func sigtermKeepsEveryAcknowledgedEvent() async throws {
        let db = try await importedDatabase()
        defer { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        let (process, port, log) = try await serve(db.path, environment: ["STRATA_API_KEYS": key])
        defer { if process.isRunning { process.terminate() } }
        var statuses = [Int]()
        _ = await eventually(every: .milliseconds(100)) {
            statuses.append((try? await get(port, "/healthz")) ?? 0)
            return statuses.last == 200 ? true : nil
        }
        #expect(statuses.last == 200, "\(log.text)")
        // It computes the missing stages, and until it is ready it says so (how many polls see that depends
        // on the machine's speed, so none may).
        #expect(statuses.dropLast().allSatisfy { $0 == 503 }, "\(statuses)")
        #expect(log.text.contains("embedding 360 items"))

        var acknowledged = 0
        for batch in 0 ..< 20 {
            let events = (0 ..< 50).map { n in
                #"{"user_id": "load\#(batch)", "item_id": "i\#(String(format: "%03d", n + 1))", "event": "view", "timestamp": \#(1_705_000_000 + n)}"#
            }
            if try await post(port, "/v1/events", body: #"{"events": [\#(events.joined(separator: ","))]}"#) == 200 {
                acknowledged += 50
            }
        }
        #expect(acknowledged == 1000)
        kill(process.processIdentifier, SIGTERM)
        await process.exit()
        #expect(process.terminationStatus == 0, "\(log.text)")
        #expect(await log.waitFor("every acknowledged event is stored") != nil)

        let stats = try await RepositoryPaths.runStrata(["stats", "--db", db.path, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any]
        #expect(object?["events"] as? Int == 2000 + acknowledged)
    }

    @Test func withoutKeysTheLogSaysHowToConfigureThem() async throws {
        let db = try await importedDatabase()
        defer { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        let (process, _, log) = try await serve(db.path, environment: ["STRATA_API_KEYS": ""])
        kill(process.processIdentifier, SIGTERM)
        await process.exit()
        #expect(log.text.contains("no API key configured"))
        #expect(log.text.contains("STRATA_API_KEYS"))
    }

    /// One output model: `strata recommend --json` prints what `GET /v1/users/{id}/recommendations` answers,
    /// field for field (`item_id`, `title`, `score`, `reason.evidence.{item_id, title}`, …).
    @Test func recommendJSONHasTheAPIsFieldNames() async throws {
        let db = try await importedDatabase()
        defer { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        let cli = try await RepositoryPaths.runStrata([
            "recommend", "--db", db.path, "--user", "u1824", "-k", "5", "--explain", "--json"
        ])
        #expect(cli.status == 0, "\(cli.error)")
        let (process, port, log) = try await serve(db.path, environment: ["STRATA_API_KEYS": key])
        defer { if process.isRunning { process.terminate() } }
        #expect(try await becomesReady(port), "\(log.text)")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/users/u1824/recommendations?k=5")!)
        request.setValue(key, forHTTPHeaderField: "X-API-Key")
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: body, as: UTF8.self))")

        let fromCLI = Self.keyPaths(try JSONSerialization.jsonObject(with: Data(cli.output.utf8)))
        let fromAPI = Self.keyPaths(try JSONSerialization.jsonObject(with: body))
        #expect(
            fromCLI == fromAPI,
            "CLI only: \(fromCLI.subtracting(fromAPI).sorted()); API only: \(fromAPI.subtracting(fromCLI).sorted())")
        #expect(
            fromAPI.isSuperset(of: [
                "user", "items[].item_id", "items[].title", "items[].score", "items[].reason.layer",
                "items[].reason.interest", "items[].reason.text"
            ]), "\(fromAPI.sorted())")
    }

    /// Every key of a JSON document as a dotted path, arrays as `[]`.
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set<String>()) { paths, member in
                let path = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
                paths.insert(path)
                paths.formUnion(keyPaths(member.value, prefix: path))
            }
        }
        if let array = value as? [Any] {
            return array.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix: prefix + "[]")) }
        }
        return []
    }

    /// Polls `/healthz` until it answers 200 (`false` when it never does; see `eventually`).
    func becomesReady(_ port: Int) async throws -> Bool {
        await eventually(every: .milliseconds(100)) { (try? await get(port, "/healthz")) == 200 ? true : nil } ?? false
    }

    func get(_ port: Int, _ path: String) async throws -> Int {
        let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func post(_ port: Int, _ path: String, body: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(key, forHTTPHeaderField: "X-API-Key")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

/// A process's output, collected as it comes.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else {
                handle.readabilityHandler = nil
                return
            }
            self.lock.withLock { self.collected += String(decoding: data, as: UTF8.self) }
        }
    }

    var text: String { lock.withLock { collected } }

    /// The first line containing `marker` (the rest of the line after it), once there (see `eventually`).
    func waitFor(_ marker: String) async -> String? {
        await eventually(every: .milliseconds(100)) {
            text.range(of: marker).map { String(text[$0.upperBound...].prefix { $0 != "\n" }) }
        }
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
