import Foundation

extension Interest {
    /// The positive weight of `interests` spread over their evidence items (evenly within an interest) and
    /// each item's categories (the leaf of each path — `Movies>Sci-Fi` counts as `Sci-Fi` — evenly), as
    /// shares summing to 1; `nil` when none of the evidence items has a category.
    public static func categoryShares(_ interests: [Interest], categories: [String: [String]]) -> [String: Double]? {
        var shares = [String: Double]()
        for interest in interests where interest.weight > 0 && !interest.evidence.isEmpty {
            let perItem = interest.weight / Double(interest.evidence.count)
            for item in interest.evidence {
                let leaves = leafCategories(categories[item] ?? [])
                for leaf in leaves { shares[leaf, default: 0] += perItem / Double(leaves.count) }
            }
        }
        // Summed in key order: a dictionary's own order changes from process to process, and with it the last bit.
        let total = shares.keys.sorted().reduce(0) { $0 + shares[$1]! }
        guard total > 0 else { return nil }
        return shares.mapValues { $0 / total }
    }

    /// The leaf of each category path.
    public static func leafCategories(_ paths: [String]) -> [String] {
        paths.map { path in
            String(path.split(separator: ">").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
        }
    }
}
