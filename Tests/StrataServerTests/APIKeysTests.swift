import Foundation
import StrataTestSupport
import Testing

@testable import StrataServer

@Suite struct APIKeysTests {
    @Test func keysAndScopesComeFromTheFileAndTheEnvironment() throws {
        let file = try RepositoryPaths.temporaryFolder().appendingPathComponent("keys")
        try
            "# ops team\nfirst-key-0123456789   # rotated 2026-11\n\nsecond-key-0123456789 read\nthird-key-0123456789\twrite\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let keys = try APIKeys.load(
            file: file.path, environment: ["STRATA_API_KEYS": " fourth-key-0123456789:read , fifth-key-0123456789,"])
        #expect(keys.count == 5)
        #expect(keys.scope(of: "first-key-0123456789") == .admin && keys.scope(of: "fifth-key-0123456789") == .admin)
        #expect(keys.scope(of: "second-key-0123456789") == .read && keys.scope(of: "fourth-key-0123456789") == .read)
        #expect(keys.scope(of: "third-key-0123456789") == .write)
        #expect(
            keys.scope(of: "first-key-012345678") == nil && keys.scope(of: "") == nil
                && keys.scope(of: "first-key-0123456789x") == nil)
        #expect(try APIKeys.load(file: nil, environment: [:]).isEmpty)
    }

    @Test func onlyDigestsAreKept() {
        let keys = APIKeys(["kept-as-digest-0123456789"])
        #expect(!String(reflecting: keys).contains("kept-as-digest"))
        #expect(
            keys == APIKeys(["kept-as-digest-0123456789"])
                && keys != APIKeys(["kept-as-digest-0123456789"], scope: .read))
    }

    @Test func badKeysAndScopesAreRefusedWithTheirLine() throws {
        let file = try RepositoryPaths.temporaryFolder().appendingPathComponent("keys")
        try "good-key-0123456789\nsecret\n".write(to: file, atomically: true, encoding: .utf8)
        #expect { try APIKeys.load(file: file.path, environment: [:]) } throws: { error in
            "\(error)" == "\(file.path):2: an API key needs at least 16 characters and no spaces"
        }
        try "good-key-0123456789 owner\n".write(to: file, atomically: true, encoding: .utf8)
        #expect { try APIKeys.load(file: file.path, environment: [:]) } throws: { error in
            "\(error)" == "\(file.path):1: unknown scope 'owner'; expected read, write or admin"
        }
        #expect { try APIKeys.load(file: "/no/such/keys", environment: [:]) } throws: { error in
            "\(error)".hasPrefix("/no/such/keys: cannot read the API key file")
        }
    }

    @Test func theBucketRefillsAtTheRate() {
        let limiter = RateLimiter(rate: 2)
        let key = Data("k".utf8)
        let other = Data("o".utf8)
        let start = ContinuousClock.now
        #expect(limiter.take(key, now: start) == nil && limiter.take(key, now: start) == nil, "a burst of two")
        #expect(limiter.take(key, now: start) == .milliseconds(500))
        #expect(limiter.take(other, now: start) == nil, "each key has its own bucket")
        #expect(limiter.take(key, now: start + .milliseconds(250)) == .milliseconds(250))
        #expect(limiter.take(key, now: start + .milliseconds(500)) == nil)
        #expect(
            limiter.take(key, now: start + .seconds(60)) == nil && limiter.take(key, now: start + .seconds(60)) == nil,
            "a bucket holds at most its capacity")
        #expect(limiter.take(key, now: start + .seconds(60)) != nil)
    }
}
