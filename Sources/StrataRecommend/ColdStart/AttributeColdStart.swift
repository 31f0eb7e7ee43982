import Foundation

/// The segment a new user most likely belongs to from their attributes alone (age band, gender,
/// location…): naive Bayes over each segment's attribute-value frequencies with add-one smoothing.
public struct AttributeColdStart: Sendable {
    /// Members per segment.
    private let sizes: [Int: Int]
    /// Per segment, per attribute, per value: how many members have it.
    private let counts: [Int: [String: [String: Int]]]
    /// Distinct values seen per attribute (for smoothing).
    private let distinctValues: [String: Int]

    /// Learns the statistics from known users' attributes and their segments.
    public init(attributes: [String: [String: String]], segments: [String: Int]) {
        var sizes = [Int: Int]()
        var counts = [Int: [String: [String: Int]]]()
        var values = [String: Set<String>]()
        for (user, segment) in segments {
            sizes[segment, default: 0] += 1
            for (name, value) in attributes[user] ?? [:] {
                counts[segment, default: [:]][name, default: [:]][value, default: 0] += 1
                values[name, default: []].insert(value)
            }
        }
        self.sizes = sizes
        self.counts = counts
        distinctValues = values.mapValues(\.count)
    }

    /// The most likely segment for `attributes` (attributes never seen are ignored); `nil` without segments.
    public func segment(for attributes: [String: String]) -> Int? {
        let total = Double(sizes.values.reduce(0, +))
        return sizes.keys.sorted().max { logLikelihood($0, attributes, total) < logLikelihood($1, attributes, total) }
    }

    private func logLikelihood(_ segment: Int, _ attributes: [String: String], _ total: Double) -> Double {
        let size = Double(sizes[segment]!)
        var score = log(size / total)
        for (name, value) in attributes {
            guard let distinct = distinctValues[name] else { continue }
            let count = Double(counts[segment]?[name]?[value] ?? 0)
            score += log((count + 1) / (size + Double(distinct)))
        }
        return score
    }
}
