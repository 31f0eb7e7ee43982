import Foundation
import StrataCore
import StrataTestSupport
import Testing

@testable import StrataPostgres

/// A PostgreSQL fit lock whose connection ends mid-fit, its backend terminated or the server restarted:
/// the fit stores nothing from then on and fails saying so, and another store takes the lock meanwhile.
/// On a server of its own, since one case restarts it.
@Suite struct FitLockFaultTests {
    enum Fault: String, CaseIterable, Sendable {
        case backendTerminated, serverRestarted
    }

    @Test(arguments: Fault.allCases) func aFitThatLosesItsLockStoresNothing(fault: Fault) throws {
        let server = try TestPostgres.dedicated()
        defer { try? server.stop() }
        let url = try server.freshDatabase()
        let (holder, other) = (try PostgresStore(url: url), try PostgresStore(url: url))
        var model = SegmentStoreTests.model(members: ["u1": 0, "u2": 1])
        model.layer = .deep

        let error = try #require(throws: PostgresStoreError.self) {
            try holder.whileFitting(.segments) { () throws -> Int in
                #expect(try other.whileFitting(.segments) { true } == nil, "the lock has one holder")
                switch fault {
                case .backendTerminated:
                    let lock = PostgresLocks.fitting(.segments)
                    let terminated = try other.connections.rows(
                        """
                        SELECT pg_terminate_backend(pid, 60000) FROM pg_locks
                        WHERE locktype = 'advisory' AND granted AND classid = \(unescaped: String(PostgresLocks.namespace))
                            AND objid = \(unescaped: String(lock)) AND objsubid = 2
                        """
                    ).map { try $0.decode(Bool.self) }
                    #expect(terminated == [true])
                case .serverRestarted:
                    try server.stop()
                    try server.start()
                }
                #expect(try other.whileFitting(.segments) { true } == true, "the lock went with its connection")
                return try holder.saveFittedSegments(model)
            }
        }
        guard case .fitLockLost(let fit, _, _) = error else {
            Issue.record("expected fitLockLost, got \(error)")
            return
        }
        #expect(fit == "segments")
        #expect(error.description.contains("127.0.0.1:\(server.port)"), "\(error)")
        #expect(try other.segmentFitNumber(layer: .deep) == 0, "the abandoned fit stored nothing")
        #expect(try other.segmentModel(layer: .deep) == nil)
        // The holder's store goes on: it takes the lock again on a new connection and stores its fit.
        #expect(try holder.whileFitting(.segments) { try holder.saveFittedSegments(model) } == 1)
        #expect(try other.segmentModel(layer: .deep) == model)
    }
}
