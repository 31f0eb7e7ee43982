import Foundation
import StrataTestSupport
import Testing

/// The dashboard rendered by headless Chromium (Debian's `chromium`, installed by scripts/setup) from the
/// running server: the map has a centre per segment and a dot per user, the lists have the segments and
/// coarse topics, and looking a user up shows their three layers and recommendations with reasons.
@Suite struct DashboardTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium (scripts/setup installs it)"))
    func theDashboardRendersTheMapListsAndAUsersLayers() async throws {
        let (database, report) = try LayerRoutesTests.evaluatedStore()
        try await RunningServer(database: database, overSocket: true).serving { server async throws in
            let segments = try await server.request(.GET, "/v1/segments").json
            let segmentCount = (segments["segments"] as? [[String: Any]] ?? []).count
            let coarseCount =
                (try await server.request(.GET, "/v1/topics?level=coarse").json["topics"] as? [[String: Any]] ?? [])
                .count
            let recommended =
                try await server.request(.GET, "/v1/users/u1824/recommendations?k=10").json["items"] as? [[String: Any]]
                ?? []

            let url = "http://127.0.0.1:\(server.port)/?user=u1824"
            let dom = try await Self.runChromium(["--dump-dom", url])
            // The map: a centre per segment and a dot per segmented user (the test store has fewer than 2,000).
            #expect(segmentCount >= 2)
            #expect(dom.components(separatedBy: "<circle class=\"segment\"").count - 1 == segmentCount)
            #expect(dom.components(separatedBy: "<circle class=\"user\"").count - 1 == segments["users"] as? Int)
            #expect(dom.components(separatedBy: "<li class=\"segment\"").count - 1 == segmentCount)
            #expect(dom.components(separatedBy: "<li class=\"topic\"").count - 1 == coarseCount)
            // The lookup ran in the page: the summary, all three layers with interests, and the
            // recommendations with their reasons.
            #expect(dom.contains("<p id=\"profile-summary\">u1824:"))
            for layer in ["surface", "middle", "deep"] {
                #expect(dom.contains("id=\"layer-\(layer)\""), "\(layer)")
            }
            #expect(dom.contains("class=\"interest\""))
            // The layer evaluation as bars, one per row of the kept report; the user's layers over time, a chart
            // a layer with a line per leading interest.
            // (The page's script holds the same markup as templates: only the drawn chart is counted.)
            let bars = try #require(
                dom.components(separatedBy: "id=\"layer-evaluation-chart\" xmlns=\"http").dropFirst().first?
                    .components(separatedBy: "</svg>").first)
            #expect(bars.components(separatedBy: "<rect class=\"bar\"").count - 1 == report.rows.count)
            for layer in ["surface", "middle", "deep"] {
                let chart = dom.components(separatedBy: "id=\"history-\(layer)\"").dropFirst().first?
                    .components(separatedBy: "</svg>").first
                #expect((chart?.components(separatedBy: "<polyline class=\"history-line\"").count ?? 0) > 1, "\(layer)")
            }
            let list = try #require(
                dom.components(separatedBy: "<ol id=\"recommendations\">").dropFirst().first?
                    .components(separatedBy: "</ol>").first)
            #expect(list.components(separatedBy: "<div class=\"reason\">").count - 1 == recommended.count)
            let firstReason = ((recommended.first?["reason"] as? [String: Any])?["text"] as? String).map(
                HTMLText.escape)
            #expect(firstReason.map { dom.contains($0) } == true)

            let artifacts = RepositoryPaths.root.appendingPathComponent(".build-artifacts")
            try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
            let screenshot = artifacts.appendingPathComponent("dashboard.png")
            try? FileManager.default.removeItem(at: screenshot)
            _ = try await Self.runChromium(["--screenshot=\(screenshot.path)", "--window-size=1280,1100", url])
            let size = (try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
            #expect(size > 10_000)
            print("dashboard screenshot: \(screenshot.path)")
        }
    }

    /// Runs headless Chromium on a throw-away profile, letting the page's scripts finish, and returns its
    /// standard output. It is awaited without blocking a thread (see `ChildProcess`): the dashboard's
    /// requests are answered by this process's server, and a test thread blocked on Chromium used to starve
    /// it on 2 cores, so Chromium waited for answers that could not come. A run past two minutes fails
    /// with the end of Chromium's log instead of hanging the suite.
    static func runChromium(_ arguments: [String]) async throws -> String {
        let profile = try RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let run = try await ChildProcess.run(
            URL(fileURLWithPath: chromium!),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                "--virtual-time-budget=5000"
            ] + arguments,
            timeout: .seconds(120))
        // Chromium's helpers carry the profile folder in their arguments: end any that are left.
        _ = try? await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/pkill"), ["-KILL", "-f", profile.path])
        guard !run.timedOut else {
            throw ServerTestError(
                "headless Chromium \(arguments[0]) did not finish within 120 s; the end of its log:\n\(run.error.suffix(1500))"
            )
        }
        return run.output
    }
}

/// HTML-escaping as the page's script does it, to find API text in the DOM.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
