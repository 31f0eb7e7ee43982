import Foundation

/// The API keys a server accepts, from a file (one key a line, `#` starts a comment) and/or the
/// environment variable `STRATA_API_KEYS` (keys separated by commas).
public struct APIKeys: Sendable, Equatable {
    public var keys: Set<String>

    public init(_ keys: some Sequence<String>) {
        self.keys = Set(keys)
    }

    /// The variable keys are read from.
    public static let environmentVariable = "STRATA_API_KEYS"

    /// Keys from `file` (when given) and from `environment`.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> APIKeys {
        var keys = Set<String>()
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ServerConfigurationError("\(file): cannot read the API key file: \(error.localizedDescription)")
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let key = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                    .trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else { continue }
                guard key.count >= 16, !key.contains(" ") else {
                    throw ServerConfigurationError("\(file):\(number + 1): an API key needs at least 16 characters and no spaces")
                }
                keys.insert(key)
            }
        }
        for key in (environment[environmentVariable] ?? "").split(separator: ",") {
            let key = key.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            guard key.count >= 16, !key.contains(" ") else {
                throw ServerConfigurationError("\(environmentVariable): an API key needs at least 16 characters and no spaces")
            }
            keys.insert(key)
        }
        return APIKeys(keys)
    }

    /// Whether `candidate` is one of the keys, comparing every key in time independent of where they differ.
    func accepts(_ candidate: String) -> Bool {
        var found = false
        let bytes = Array(candidate.utf8)
        for key in keys {
            let keyBytes = Array(key.utf8)
            var difference = UInt8(keyBytes.count == bytes.count ? 0 : 1)
            for i in 0 ..< keyBytes.count { difference |= keyBytes[i] ^ (i < bytes.count ? bytes[i] : 0) }
            if difference == 0 { found = true }
        }
        return found
    }
}

/// A server setting that cannot be used, said in one line.
public struct ServerConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
