import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import StrataBackends
import StrataCore
import StrataEmbedding
import StrataImport
import StrataLLM
import StrataPipeline
import StrataPostgres
import StrataPrivacy
import StrataRecommend
import StrataSQLite
import StrataStore
import StrataTestSupport

@testable import StrataServer

/// A store made once from the bundled sample's catalog, users and first events, with every stage computed,
/// copied for each test so tests cannot disturb one another.
enum TestStore {
    /// The model, loaded once; a failed load fails the tests that need it, not the whole run.
    static let loaded = Result { try BertSentenceEmbedder(modelDirectory: RepositoryPaths.miniLM) }
    static func embedder() throws -> BertSentenceEmbedder { try loaded.get() }

    /// The prepared template database file, made once (a failure fails each test that needs it).
    static let template = Result { () throws -> URL in
        let folder = try RepositoryPaths.temporaryFolder()
        let sample = RepositoryPaths.root.appendingPathComponent("sample")
        let lines = try String(contentsOf: sample.appendingPathComponent("events.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(3001)
        let events = folder.appendingPathComponent("events.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("template.sqlite")
        let store = try SQLiteStore(path: path.path)
        _ = try Importer.importItems(from: sample.appendingPathComponent("items.csv"), into: store)
        _ = try Importer.importUsers(from: sample.appendingPathComponent("users.csv"), into: store)
        _ = try Importer.importEvents(from: events, into: store)
        let pipeline = try Self.pipeline(store)
        let catalog = try pipeline.catalog()
        try pipeline.ensureProfiles(catalog)
        // The recommender's settings searched once and kept, as `strata recommend` keeps them: every server
        // then starts with the same ones instead of searching again within a time budget, which a busy
        // machine cuts short at different points.
        _ = try pipeline.hybridParameters(catalog: catalog)
        return path
    }

    static func pipeline(_ store: any Store) throws -> Pipeline {
        let embedder = try embedder()
        return Pipeline(store: store, modelID: embedder.modelID, embedder: { embedder })
    }

    /// A fresh database on `server` (the tests' shared PostgreSQL when `nil`) holding what the template
    /// holds; its URL.
    static func postgresCopy(on server: TestPostgres? = nil) throws -> String {
        let url = try (server ?? TestPostgres.shared()).freshDatabase()
        let copy = try Self.copy()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        _ = try StoreCopy.copy(from: SQLiteStore(path: copy.path), to: PostgresStore(url: url))
        return url
    }

    /// A fresh copy of the template in its own folder.
    static func copy() throws -> URL {
        let path = try RepositoryPaths.temporaryFolder().appendingPathComponent("strata.sqlite")
        try FileManager.default.copyItem(at: try template.get(), to: path)
        return path
    }
}

/// One running server over a copy of the test store, and a client for it.
///
/// By default requests go straight to the router through HummingbirdTesting, with the server's services
/// (start-up, refits) running as they do when it serves; `overSocket` serves on a free loopback port instead,
/// for clients that need one (headless Chromium).
final class RunningServer: @unchecked Sendable {
    static let key = "test-key-0123456789abcdef"

    let server: StrataServer
    let database: URL
    /// Every line the server's pipeline logged.
    let log: Locked<[String]>
    /// The bound port, or 0 when requests go to the router.
    let port: Int
    private let router: (any TestClientProtocol)?
    private let stopped: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>

    /// Starts a server and waits until `/healthz` says it can serve.
    /// `refitDrift` is the share of users that must change segment before the background task refits;
    /// `database` replaces the copy of the test store; `postgres` (a database URL) replaces SQLite; `llm` gives
    /// the pipeline a generative model; `keepsFits` keeps the recommender's fits as the CLI does; `excludeSeen` is
    /// `strata serve --exclude-seen`; `userCacheSize` is `strata serve --user-cache`.
    init(
        keys: APIKeys = APIKeys([RunningServer.key]), readsNeedKey: Bool = false, rateLimit: Double? = nil,
        corsOrigin: String? = nil, maxBodyBytes: Int = 1 << 20,
        refitDrift: Double = 0.1, database: URL? = nil, postgres: String? = nil, userIDs: UserIDs = .raw,
        disclosure: Disclosure = .none, llm: LLMConfiguration? = nil, overSocket: Bool = false,
        keepsFits: Bool = false, excludeSeen: SeenExclusion = .interacted, userCacheSize: Int? = nil
    ) async throws {
        self.database = try database ?? TestStore.copy()
        let location = StoreLocation(postgres ?? self.database.path)
        let store = try location.open()
        let configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, apiKeys: keys,
            readsNeedKey: readsNeedKey, rateLimit: rateLimit, corsOrigin: corsOrigin,
            maxBodyBytes: maxBodyBytes, maxBatch: 1000,
            refitCheckInterval: .milliseconds(50), recommenderRefitInterval: .zero,
            userCacheSize: userCacheSize, userIDs: userIDs, disclosure: disclosure, excludeSeen: excludeSeen)
        let pipeline = try TestStore.pipeline(store)
        pipeline.segmentation.refitDrift = refitDrift
        let log = Locked<[String]>([])
        self.log = log
        pipeline.log = { line in log.withLock { $0.append(line) } }
        if keepsFits {  // where the CLI keeps them
            pipeline.fitKeeper = location.fitKeeper(of: store)
        }
        if let llm { pipeline.useLLM(llm) }
        let server = StrataServer(pipeline: pipeline, configuration: configuration)
        self.server = server
        let (stop, stopped) = AsyncStream<Void>.makeStream()
        self.stopped = stopped
        if overSocket {
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            task = Task { try await server.run { continuation.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            (self.port, router) = (port, nil)
        } else {
            let (clients, continuation) = AsyncStream<any TestClientProtocol>.makeStream()
            task = Task {
                try await server.makeApplication().test(.router) { client in
                    continuation.yield(client)
                    for await _ in stop {}
                }
            }
            var iterator = clients.makeAsyncIterator()
            guard let client = await iterator.next() else { throw CancellationError() }
            (port, router) = (0, client)
        }
        let ready = try await eventually { try await request(.GET, "/healthz").status == 200 ? true : nil }
        if ready == nil { throw ServerTestError("the server did not become ready") }
    }

    /// The `/metrics` text once it contains `line` (see `eventually`), else the last text read.
    func metrics(containing line: String) async throws -> String {
        var metrics = ""
        _ = try await eventually {
            metrics = try await request(.GET, "/metrics").text
            return metrics.contains(line) ? true : nil
        }
        return metrics
    }

    /// Stops the server gracefully and removes its database's folder unless `removingFiles` is `false`.
    /// Runs `body` with this server, then stops it and waits until it has stopped — whether `body` returns or
    /// throws — so a test's server is gone before the test ends.
    func serving(_ body: (RunningServer) async throws -> Void) async throws {
        do {
            try await body(self)
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    func stop(removingFiles: Bool = true) async {
        if router == nil { task.cancel() } else { stopped.finish() }
        _ = try? await task.value
        if removingFiles { try? FileManager.default.removeItem(at: database.deletingLastPathComponent()) }
    }

    struct Answer {
        var status: Int
        var text: String
        var headers = HTTPHeaders()

        /// The body as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }

        /// The message of a JSON error body.
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    }

    /// Sends one request; `body` is sent as is (a `String`) or as JSON (anything else).
    func request(
        _ method: HTTPMethod, _ path: String, body: Any? = nil, key: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> Answer {
        var fields = headers
        if let key { fields.append(("X-API-Key", key)) }
        let data = try body.map {
            try ($0 as? String).map { Data($0.utf8) } ?? JSONSerialization.data(withJSONObject: $0)
        }
        if data != nil { fields.append(("Content-Type", "application/json")) }
        if let router {
            var httpFields = HTTPFields()
            for (name, value) in fields {
                HTTPField.Name(name).map { httpFields.append(HTTPField(name: $0, value: value)) }
            }
            let response = try await router.execute(
                uri: path, method: HTTPRequest.Method(rawValue: method.rawValue) ?? .get, headers: httpFields,
                body: data.map { ByteBuffer(bytes: $0) })
            return Answer(
                status: response.status.code, text: String(buffer: response.body),
                headers: HTTPHeaders(response.headers.map { ($0.name.rawName, $0.value) }))
        }
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in fields { request.headers.add(name: name, value: value) }
        if let data { request.body = .bytes(ByteBuffer(bytes: data)) }
        // A guard against a hung server, not a speed check: on a busy 2-core machine an answer can take a minute.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), text: String(buffer: buffer), headers: response.headers)
    }
}

struct ServerTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
