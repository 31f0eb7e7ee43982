import Foundation
import StrataTestSupport
import Testing

/// Two servers on one PostgreSQL database keeping their fits there: the second one to start reads the
/// recommender fits the first one kept instead of fitting its own, and serves the same recommendations.
@Suite struct SharedKeptFitsTests {
    /// The lines of `server`'s log saying it read a kept fit.
    func reads(_ server: RunningServer) -> [String] {
        server.log.current.filter { $0.hasPrefix("read the fitted ") || $0.hasPrefix("read the kept ") }
    }

    /// The lines of `server`'s log saying it kept a fit.
    func keeps(_ server: RunningServer) -> [String] {
        server.log.current.filter { $0.hasPrefix("kept the fitted ") }
    }

    @Test func theSecondServerReadsTheRecommenderFitTheFirstKeptInTheDatabase() async throws {
        let url = try TestStore.postgresCopy()
        try await RunningServer(postgres: url, keepsFits: true).serving { (first) async throws in
            #expect(reads(first).isEmpty)
            #expect(
                !keeps(first).isEmpty && keeps(first).allSatisfy { $0.contains("kept_fits") }, "\(first.log.current)")

            try await RunningServer(postgres: url, keepsFits: true).serving { (second) async throws in
                #expect(keeps(second).isEmpty, "the second server fitted: \(keeps(second))")
                #expect(reads(second).count == keeps(first).count, "\(second.log.current)")
                #expect(reads(second).allSatisfy { $0.contains("kept_fits") })

                for user in ["u1824", "u1380"] {
                    let path = "/v1/users/\(user)/recommendations?k=10"
                    let items = { (server: RunningServer) async throws -> [String] in
                        (try await server.request(.GET, path).json["items"] as? [[String: Any]] ?? []).compactMap {
                            $0["item_id"] as? String
                        }
                    }
                    let served = try await items(first)
                    #expect(served.count == 10)
                    #expect(try await items(second) == served)
                }
            }
        }
    }

    @Test func twoServersStartingTogetherFitTheRecommenderOnce() async throws {
        let url = try TestStore.postgresCopy()
        async let first = RunningServer(postgres: url, keepsFits: true)
        async let second = RunningServer(postgres: url, keepsFits: true)
        let servers = try await [first, second]
        try await servers[0].serving { _ in
            try await servers[1].serving { _ in
                // Whichever takes the fit lock first fits; the other waits for it, then reads what it kept.
                let fitted = servers.filter { !keeps($0).isEmpty }
                #expect(fitted.count == 1, "\(servers.map { keeps($0) })")
                guard let fitter = fitted.first, let reader = servers.first(where: { $0 !== fitter }) else { return }
                #expect(reads(fitter).isEmpty)
                #expect(reads(reader).count == keeps(fitter).count, "\(reader.log.current)")
            }
        }
    }
}
