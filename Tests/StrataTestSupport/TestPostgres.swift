import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the tests of one process: `initdb` and `pg_ctl` (from
/// `/usr/lib/postgresql/*/bin`) on a temporary folder and a free port, started on first use, stopped and
/// removed when the process exits. When the tests run as root it runs as the `postgres` user (`initdb`
/// refuses root). Missing binaries are an error, never a skip.
public final class TestPostgres: Sendable {
    /// The server shared by every test of this process.
    public static func shared() throws -> TestPostgres { try started.get() }

    private static let started = Result { try TestPostgres() }

    /// A server of its own, for a test that stops and restarts it (also removed at exit).
    public static func dedicated() throws -> TestPostgres { try TestPostgres() }

    public let port: Int
    private let folder: URL
    private let bin: URL
    private let counter = Counter()

    /// A fresh, empty database on the server, as a `postgres://` URL.
    public func freshDatabase() throws -> String {
        let name = "strata_test_\(counter.next())"
        try Self.run(bin.appendingPathComponent("createdb"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", "strata", name])
        return url(database: name)
    }

    /// The URL of `database` on the server.
    public func url(database: String) -> String { "postgres://strata@127.0.0.1:\(port)/\(database)" }

    /// Stops the server now, as a crash would (`immediate`), to test what clients do without it.
    public func stop() throws {
        try Self.run(
            bin.appendingPathComponent("pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"], asServer: true)
    }

    /// Starts the server (again) on the same port. Without fsync (nothing here outlives the machine), but
    /// every commit reaches the kernel before it is acknowledged, so `stop()` loses no committed row.
    public func start() throws {
        let options =
            "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off "
            + "-c full_page_writes=off -c max_connections=300"
        try Self.run(
            bin.appendingPathComponent("pg_ctl"),
            [
                "start", "-D", data, "-w", "-t", "60", "-l", folder.appendingPathComponent("server.log").path, "-o",
                options
            ],
            asServer: true)
    }

    private var data: String { dataFolder.path }

    /// The server's data folder (its tables and write-ahead log), for tests that scan what it wrote.
    public var dataFolder: URL { folder.appendingPathComponent("data") }

    private init() throws {
        guard let bin = Self.serverBinaries() else {
            throw TestPostgresError(
                """
                PostgreSQL's server binaries (initdb, pg_ctl) are not in /usr/lib/postgresql/*/bin; \
                run scripts/setup, which installs the Debian package postgresql
                """)
        }
        self.bin = bin
        folder = URL(fileURLWithPath: "/tmp/strata-postgres-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder.path)
        }
        port = try Self.freePort()
        Cleanup.register(folder: folder, pgCtl: bin.appendingPathComponent("pg_ctl"))
        try Self.run(
            bin.appendingPathComponent("initdb"),
            ["-D", data, "-U", "strata", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServer: true)
        try start()
    }

    /// The `bin` folder of the newest PostgreSQL installed the Debian way.
    private static func serverBinaries() -> URL? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed()
            .map { URL(fileURLWithPath: "\(root)/\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) }
    }

    /// A TCP port nothing listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            throw TestPostgresError("cannot find a free TCP port: \(String(cString: strerror(errno)))")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `executable` (as the `postgres` user when `asServer` and running as root); throws with its output on failure.
    ///
    /// Spawned directly rather than with `Process`: the server `pg_ctl start` leaves running would inherit
    /// the descriptor `Process` watches for the child's exit (and any pipe), and the wait would never end.
    /// Here a shell closes every descriptor but standard input, output and error before it runs the
    /// command, and the output goes to a file.
    static func run(_ executable: URL, _ arguments: [String], asServer: Bool = false) throws {
        let closingOthers = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        let command =
            ["/bin/bash", "-c", closingOthers, "bash"]
            + (asServer && getuid() == 0
                ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable.path] + arguments
                : [executable.path] + arguments)
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "strata-postgres-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestPostgresError("cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitCode == 0 else {
            let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
            throw TestPostgresError(
                "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) failed "
                    + "(status \(exitCode)): \(text)")
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }
}

/// Why the test PostgreSQL server could not be used.
public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Stops the servers and removes their folders when the test process exits.
private enum Cleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var servers: [(folder: URL, pgCtl: URL)] = []

    static func register(folder: URL, pgCtl: URL) {
        lock.withLock {
            if servers.isEmpty { atexit { Cleanup.stopAll() } }
            servers.append((folder, pgCtl))
        }
    }

    private static func stopAll() {
        for (folder, pgCtl) in lock.withLock({ servers }) {
            try? TestPostgres.run(
                pgCtl, ["stop", "-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w"],
                asServer: true)
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
