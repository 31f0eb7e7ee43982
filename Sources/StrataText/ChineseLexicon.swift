import Foundation

/// Chinese words found in a catalog's own text, without a dictionary: a character n-gram is a word when
/// it is frequent and free on both sides (the characters next to it vary: high left and right boundary
/// entropy, a run's edge counting as a new neighbour every time) and is neither two such words run
/// together nor one with a stray character seen at most half as often as the word alone ("款沙发").
///
/// Cross-word bigrams fail the test: in "喜欢电影" the bigram "欢电" is always after "喜" and before
/// "影". Runs of ideographs are cut at stop characters before counting.
public struct ChineseLexicon: Codable, Sendable, Equatable {
    /// The words found.
    public let words: Set<String>
    /// The longest word length counted, in characters.
    public let maxLength: Int

    /// Learns the words of `texts`: n-grams of 2 to `maxLength` characters seen at least `minCount` times
    /// whose left and right neighbour entropies (natural log) are both at least `minEntropy`.
    public init(
        texts: [String], stopCharacters: Set<Character> = StopWords.chineseCharacters, minCount: Int = 3,
        minEntropy: Double = 0.8, maxLength: Int = 4
    ) {
        var stats = [String: NeighbourCounts]()
        for text in texts {
            for run in Self.runs(of: text, stopCharacters: stopCharacters) where run.count > 1 {
                for length in 2 ... min(maxLength, run.count) {
                    for start in 0 ... run.count - length {
                        let gram = String(run[start ..< start + length])
                        stats[gram, default: NeighbourCounts()].add(
                            left: start > 0 ? run[start - 1] : nil,
                            right: start + length < run.count ? run[start + length] : nil)
                    }
                }
            }
        }
        var words = Set<String>()
        let candidates = stats.filter { $0.value.count >= minCount && $0.value.minEntropy >= minEntropy }
        for gram in candidates.keys.sorted(by: { ($0.count, $0) < ($1.count, $1) }) {
            let characters = Array(gram)
            let isCompound = (2 ... max(2, characters.count - 2)).contains { cut in
                cut <= characters.count - 2 && words.contains(String(characters[..<cut]))
                    && words.contains(String(characters[cut...]))
            }
            let isAffixed = [String(characters.dropFirst()), String(characters.dropLast())].contains { inner in
                characters.count > 2 && words.contains(inner) && candidates[inner]!.count >= 2 * candidates[gram]!.count
            }
            if !isCompound, !isAffixed { words.insert(gram) }
        }
        self.words = words
        self.maxLength = maxLength
    }

    /// The words of one run of ideographs, longest match first from the left; characters no word
    /// covers are skipped.
    public func segment(_ run: [Character]) -> [String] {
        var out = [String]()
        var start = 0
        while start < run.count {
            let match = stride(from: min(maxLength, run.count - start), through: 2, by: -1).lazy
                .map { String(run[start ..< start + $0]) }.first { words.contains($0) }
            if let match {
                out.append(match)
                start += match.count
            } else {
                start += 1
            }
        }
        return out
    }

    /// The lower-cased runs of ideographs of `text`, cut at stop characters.
    static func runs(of text: String, stopCharacters: Set<Character>) -> [[Character]] {
        var runs = [[Character]]()
        var run = [Character]()
        for character in text.lowercased() {
            if let scalar = character.unicodeScalars.first, BertNormalizer.isChineseCharacter(scalar),
                !stopCharacters.contains(character)
            {
                run.append(character)
            } else if !run.isEmpty {
                runs.append(run)
                run.removeAll()
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }
}

/// How often an n-gram was seen and what stood on each side of it.
private struct NeighbourCounts {
    var count = 0
    var left = [Character: Int]()
    var right = [Character: Int]()
    var leftEdges = 0
    var rightEdges = 0

    mutating func add(left: Character?, right: Character?) {
        count += 1
        if let left { self.left[left, default: 0] += 1 } else { leftEdges += 1 }
        if let right { self.right[right, default: 0] += 1 } else { rightEdges += 1 }
    }

    /// The smaller of the two neighbour entropies; every edge is a neighbour of its own.
    var minEntropy: Double {
        min(
            Self.entropy(left.values, edges: leftEdges, total: count),
            Self.entropy(right.values, edges: rightEdges, total: count))
    }

    private static func entropy(_ counts: Dictionary<Character, Int>.Values, edges: Int, total: Int) -> Double {
        let n = Double(total)
        let spread = counts.reduce(0.0) { sum, c in
            let p = Double(c) / n
            return sum - p * log(p)
        }
        return spread + Double(edges) / n * log(n)
    }
}
