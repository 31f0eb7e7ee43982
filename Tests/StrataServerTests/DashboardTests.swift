import Foundation
import StrataTestSupport
import Testing

/// The dashboard rendered by headless Chromium (Debian's `chromium`, installed by scripts/setup) from the
/// running server: the map has a circle per topic, the list has the coarse topics, and looking a user
/// up shows their three layers.
@Suite struct DashboardTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium (scripts/setup installs it)"))
    func theDashboardRendersTheMapListsAndAUsersLayers() async throws {
        let server = try await RunningServer()
        defer { Task { await server.stop() } }
        let topics = try await server.request(.GET, "/v1/topics").json["topics"] as? [[String: Any]] ?? []
        let fineCount = topics.filter { $0["level"] as? String == "fine" }.count
        let coarseCount = topics.count - fineCount

        let url = "http://127.0.0.1:\(server.port)/?user=u1824"
        let dom = try Self.runChromium(["--dump-dom", url])
        #expect(dom.components(separatedBy: "<circle class=\"topic\"").count - 1 == fineCount)
        #expect(dom.components(separatedBy: "<li class=\"group\"").count - 1 == coarseCount)
        // The lookup ran in the page: the summary and all three layers with interests are in the DOM.
        #expect(dom.contains("<p id=\"profile-summary\">u1824:"))
        for layer in ["surface", "middle", "deep"] {
            #expect(dom.contains("id=\"layer-\(layer)\""), "\(layer)")
        }
        #expect(dom.contains("class=\"interest\""))
        #expect(dom.contains("id=\"recommendations-unavailable\""))

        let artifacts = RepositoryPaths.root.appendingPathComponent(".build-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("dashboard.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Self.runChromium(["--screenshot=\(screenshot.path)", "--window-size=1280,1100", url])
        let size = (try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 10_000)
        print("dashboard screenshot: \(screenshot.path)")
    }

    /// Runs headless Chromium on a throw-away profile, letting the page's scripts finish, and returns
    /// its standard output.
    static func runChromium(_ arguments: [String]) throws -> String {
        let profile = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--virtual-time-budget=5000"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
