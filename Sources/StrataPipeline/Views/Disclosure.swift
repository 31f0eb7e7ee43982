import Foundation

/// How counts of users are published: groups smaller than `minimumGroupSize` are suppressed
/// (k-anonymity), and with `epsilon` every count first gets Laplace noise of scale 1/ε (differential
/// privacy for adding or removing one user, who changes one count by one).
///
/// The noise of a count is drawn from `seed`, the group and the true count, so the same count asked
/// again gets the same noise and a repeated query spends no new budget; each new set of counts (say,
/// after a refit) is a new release that spends ε again.
public struct Disclosure: Sendable, Equatable {
    /// Groups with fewer users are not published; 0 publishes every group.
    public var minimumGroupSize: Int
    /// The differential-privacy budget of one release of disjoint counts; `nil` adds no noise.
    public var epsilon: Double?
    /// Seeds the noise (keep it secret and fixed for a release).
    public var seed: UInt64

    /// Every count published as it is.
    public static let none = Disclosure(minimumGroupSize: 0)

    public init(minimumGroupSize: Int, epsilon: Double? = nil, seed: UInt64 = 0) {
        self.minimumGroupSize = minimumGroupSize
        self.epsilon = epsilon
        self.seed = seed
    }

    /// The published form of `count`, the size of group `group`: `nil` when suppressed.
    public func publish(_ count: Int, group: Int) -> Int? {
        publish(count, uniform: uniform(group: group, count: count))
    }

    /// `count` with the Laplace noise at `uniform` (0 < uniform < 1) added when `epsilon` is set,
    /// rounded, or `nil` when the result is under `minimumGroupSize`.
    func publish(_ count: Int, uniform: Double) -> Int? {
        var value = Double(count)
        if let epsilon { value += Self.laplace(scale: 1 / epsilon, uniform: uniform) }
        let published = max(0, Int(value.rounded()))
        return published < minimumGroupSize ? nil : published
    }

    /// The Laplace distribution's inverse CDF at `uniform`: −scale · sign(u − ½) · ln(1 − 2|u − ½|).
    static func laplace(scale: Double, uniform: Double) -> Double {
        let centred = uniform - 0.5
        return -scale * (centred < 0 ? -1 : 1) * log(1 - 2 * abs(centred))
    }

    /// A number in (0, 1) from the seed, the group and the count (SplitMix64).
    private func uniform(group: Int, count: Int) -> Double {
        var z =
            seed &+ UInt64(bitPattern: Int64(group)) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bitPattern: Int64(count))
            &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / Double(1 << 53)
    }

    /// What is done to the counts, stated beside them.
    public var statement: DisclosureStatement { DisclosureStatement(self) }
}

/// The statement published with counts: `{"min_group_size", "dp_epsilon"?, "method"}`.
public struct DisclosureStatement: Codable, Sendable, Equatable {
    public var minGroupSize: Int
    public var dpEpsilon: Double?
    public var method: String

    enum CodingKeys: String, CodingKey {
        case minGroupSize = "min_group_size"
        case dpEpsilon = "dp_epsilon"
        case method
    }

    init(_ disclosure: Disclosure) {
        minGroupSize = disclosure.minimumGroupSize
        dpEpsilon = disclosure.epsilon
        var method = "counts under \(disclosure.minimumGroupSize) are suppressed (null)"
        if let epsilon = disclosure.epsilon {
            method =
                "each count gets Laplace noise of scale 1/ε = \((1 / epsilon).formatted()) and is rounded, then "
                + method
                + "; ε = \(epsilon.formatted()) per release of these disjoint counts; the same count gets the same noise, "
                + "so asking again spends nothing, and a changed set of segments is a new release"
        }
        self.method = method
    }
}
