import Foundation
import StrataServer
import StrataTestSupport
import Testing

@Suite struct APIKeysTests {
    @Test func keysComeFromTheFileAndTheEnvironment() throws {
        let file = try RepositoryPaths.temporaryFolder().appendingPathComponent("keys")
        try "# ops team\nfirst-key-0123456789   # rotated 2026-11\n\nsecond-key-0123456789\n".write(to: file, atomically: true, encoding: .utf8)
        let keys = try APIKeys.load(file: file.path, environment: ["STRATA_API_KEYS": " third-key-0123456789 ,"])
        #expect(keys.keys == ["first-key-0123456789", "second-key-0123456789", "third-key-0123456789"])
        #expect(try APIKeys.load(file: nil, environment: [:]).keys.isEmpty)
    }

    @Test func aShortKeyIsRefusedWithItsLine() throws {
        let file = try RepositoryPaths.temporaryFolder().appendingPathComponent("keys")
        try "good-key-0123456789\nsecret\n".write(to: file, atomically: true, encoding: .utf8)
        #expect { try APIKeys.load(file: file.path, environment: [:]) } throws: { error in
            "\(error)" == "\(file.path):2: an API key needs at least 16 characters and no spaces"
        }
        #expect { try APIKeys.load(file: "/no/such/keys", environment: [:]) } throws: { error in
            "\(error)".hasPrefix("/no/such/keys: cannot read the API key file")
        }
    }
}
