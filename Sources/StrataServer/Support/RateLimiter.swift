import Foundation
import NIOConcurrencyHelpers

/// A token bucket per API key: each key may make `rate` requests a second on average, in bursts of at
/// most `max(1, rate)`.
final class RateLimiter: Sendable {
    /// Requests a second, per key.
    let rate: Double
    private let buckets = NIOLockedValueBox([Data: Bucket]())

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    init(rate: Double) {
        self.rate = rate
    }

    /// The most tokens a bucket holds.
    var capacity: Double { max(1, rate) }

    /// Takes a token from `key`'s bucket and returns `nil`, or, when the bucket is empty, how long
    /// until it holds one again.
    func take(_ key: Data, now: ContinuousClock.Instant = .now) -> Duration? {
        buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(capacity, bucket.tokens + max(0, seconds) * rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return .seconds((1 - bucket.tokens) / rate) }
            bucket.tokens -= 1
            return nil
        }
    }
}
