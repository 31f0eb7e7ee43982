import Foundation

/// Class-based TF-IDF, as BERTopic names its topics: every class (topic) is one big document made of
/// its members' terms; a term scores high when it is frequent in the class and rare across classes.
///
/// `tf(t, c)` is the term's count in the class divided by the class's total count, and
/// `idf(t) = log(1 + A / f(t))` with `A` the average number of terms per class and `f(t)` the term's
/// count over all classes.
public struct ClassTFIDF: Sendable {
    /// Every term seen, by id.
    public let vocabulary: [String]
    /// The inverse class frequency of every term.
    public let idf: [Double]
    private let counts: [[Int: Double]]
    private let totals: [Double]

    /// Fits on `classes`, each a list of terms (repeats count).
    public init(classes: [[String]]) {
        var ids = [String: Int]()
        var vocabulary = [String]()
        var counts = [[Int: Double]](repeating: [:], count: classes.count)
        var frequency = [Double]()
        for (c, terms) in classes.enumerated() {
            for term in terms {
                let id: Int
                if let known = ids[term] {
                    id = known
                } else {
                    id = vocabulary.count
                    ids[term] = id
                    vocabulary.append(term)
                    frequency.append(0)
                }
                counts[c][id, default: 0] += 1
                frequency[id] += 1
            }
        }
        let average = classes.isEmpty ? 0 : Double(classes.reduce(0) { $0 + $1.count }) / Double(classes.count)
        self.vocabulary = vocabulary
        self.idf = frequency.map { log(1 + average / $0) }
        self.counts = counts
        self.totals = counts.map { $0.values.reduce(0, +) }
    }

    /// The number of classes.
    public var classCount: Int { counts.count }

    /// The c-TF-IDF score of every term of class `c`, keyed by term.
    public func scores(ofClass c: Int) -> [String: Double] {
        guard totals[c] > 0 else { return [:] }
        var out = [String: Double](minimumCapacity: counts[c].count)
        for (id, count) in counts[c] { out[vocabulary[id]] = count / totals[c] * idf[id] }
        return out
    }

    /// The `n` best terms of class `c`, best first (ties alphabetical).
    public func keywords(ofClass c: Int, count n: Int) -> [(term: String, score: Double)] {
        scores(ofClass: c).map { (term: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
            .prefix(n).map { $0 }
    }
}
