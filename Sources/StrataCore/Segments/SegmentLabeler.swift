import StrataMath
import StrataText

/// Names segments from their members' profiles. A segment's label is made of its most distinctive
/// interests — the topics its members hold far more often than all segmented users do (`lift`, see
/// `DistinctiveInterest`) — starting with the strongest and adding the next ones while another segment's
/// label reads the same; when a segment runs out of interests its c-TF-IDF keywords follow, and as a last
/// resort its number, so no two labels of one fit are ever equal. The keywords are the c-TF-IDF terms of the
/// keywords of the members' topics (each segment one class); a topic without keywords (over a catalog known
/// only by ids and categories) takes part by its short name.
struct SegmentLabeler {
    let topics: TopicModel
    let layer: LayerKind
    let keywordCount: Int
    let representativeCount: Int
    /// How many of each member's strongest interests count towards the segment's topics and keywords.
    var interestsPerMember = 3
    /// How many distinctive interests each segment lists.
    var distinctiveCount = 5
    /// A second distinctive interest joins the first in a label from the start when its lift is at least this.
    var secondInterestLift = 1.5

    /// Segments with ids `0 ..< groups.count` for member groups with their centroids and cohesion.
    func segments(groups: [[UserProfile]], centroids: [[Float]], cohesion: [Double]) -> [Segment] {
        let interests = groups.map {
            $0.map { Array($0.layer(layer).interests.filter { $0.topic != nil }.prefix(interestsPerMember)) }
        }
        let termsOfTopic = topics.topics.indices.map(terms(ofTopic:))  // by topic id, each made once
        let tfidf = ClassTFIDF(
            classes: interests.map { members in members.flatMap { $0.flatMap { termsOfTopic[$0.topic!] } } })
        let weighted = interests.map(dominantTopics)
        let dominant = weighted.map { $0.map(\.topic) }
        let named = weighted.map { topics in
            topics.prefix(2).filter { $0.weight >= 0.4 * topics[0].weight }.map(\.topic)
        }
        let keywords = groups.indices.map { c in
            let names = Set(named[c].map(shortName))
            let terms = tfidf.keywords(ofClass: c, count: keywordCount + names.count).map(\.term)
            return Array(terms.filter { !names.contains($0) }.prefix(keywordCount))
        }
        let ranked = SegmentInterests.lifts(
            held: groups.flatMap { $0.map { SegmentInterests.held($0, layer: layer) } },
            labels: groups.indices.flatMap { c in [Int](repeating: c, count: groups[c].count) },
            groups: groups.count)
        let names = interestNames()
        let labels = distinctLabels(ranked: ranked, names: names, keywords: keywords)
        return groups.indices.map { c in
            let members = groups[c]
            let nearest = members.map { Double(VectorMath.dot($0.layer(layer).vector, centroids[c])) }
            let representatives = members.indices.sorted {
                nearest[$0] != nearest[$1] ? nearest[$0] > nearest[$1] : members[$0].user < members[$1].user
            }
            let distinctive = ranked[c].prefix(distinctiveCount).map {
                DistinctiveInterest(
                    topic: $0.topic, label: names[$0.topic] ?? shortName($0.topic), share: $0.share,
                    populationShare: $0.populationShare, lift: $0.lift)
            }
            let telling = ranked[c].filter { $0.share >= SegmentInterests.minimumSupport }.prefix(2).map(\.topic)
            return Segment(
                id: c, label: labels[c], keywords: keywords[c], topics: dominant[c], size: members.count,
                representativeUsers: representatives.prefix(representativeCount).map { members[$0].user },
                representativeItems: representativeItems(
                    interests[c], topics: Set(telling.isEmpty ? Array(dominant[c].prefix(2)) : telling)),
                cohesion: cohesion[c], centroid: centroids[c], distinctiveInterests: distinctive)
        }
    }

    /// The name of every topic of the model as labels use it: its short name, followed by its first keyword
    /// not already in that name when another topic of its level has the same short name.
    private func interestNames() -> [Int: String] {
        var names = [Int: String]()
        for level in [topics.fine, topics.coarse] {
            let short = level.map { shortName($0.id) }
            let counts = Dictionary(short.map { ($0, 1) }, uniquingKeysWith: +)
            for (topic, name) in zip(level, short) {
                let lowered = name.lowercased()
                if counts[name]! > 1, let word = topic.keywords.first(where: { !lowered.contains($0.lowercased()) }) {
                    names[topic.id] = "\(name) (\(word))"
                } else {
                    names[topic.id] = name
                }
            }
        }
        return names
    }

    /// One label per segment from its `ranked` interests: the most distinctive (with the second when that too has
    /// a lift of at least `secondInterestLift`), and, while two labels read the same, each of them one more
    /// interest, then one more keyword, then its number.
    private func distinctLabels(ranked: [[SegmentInterests.Lift]], names: [Int: String], keywords: [[String]])
        -> [String]
    {
        let parts = ranked.map { $0.map { names[$0.topic] ?? shortName($0.topic) } }
        // Keywords that only repeat an interest's name would not tell two labels apart.
        let keywords = keywords.indices.map { c in
            let taken = Set(parts[c].map { $0.lowercased() })
            return keywords[c].filter { !taken.contains($0.lowercased()) }
        }
        var used = ranked.map { lifts in
            lifts.isEmpty
                ? 0
                : lifts.count > 1 && lifts[1].share >= SegmentInterests.minimumSupport
                    && lifts[1].lift >= secondInterestLift ? 2 : 1
        }
        var words = keywords.map { _ in 0 }
        var numbered = keywords.map { _ in false }
        func label(_ c: Int) -> String {
            var text = parts[c].prefix(used[c]).joined(separator: " + ")
            if words[c] > 0 {
                let extra = keywords[c].prefix(words[c]).joined(separator: ", ")
                text = text.isEmpty ? extra : "\(text): \(extra)"
            }
            if text.isEmpty { return "segment \(c)" }
            return numbered[c] ? "\(text) #\(c)" : text
        }
        var labels = ranked.indices.map(label)
        // Each round lengthens every repeated label by an interest or a keyword, or numbers it, so the rounds
        // are bounded by the longest list; the cap only guards against names that themselves end in "#n".
        for _ in 0 ..< (parts.map(\.count).max() ?? 0) + (keywords.map(\.count).max() ?? 0) + 3 {
            let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
            let repeated = labels.indices.filter { counts[labels[$0]]! > 1 }
            guard !repeated.isEmpty else { return labels }
            for c in repeated {
                if numbered[c] {
                    // Only a topic or keyword that itself ends in "#n" could get here; the index settles it.
                    labels[c] = "\(label(c)) (\(c))"
                    continue
                } else if used[c] < parts[c].count {
                    used[c] += 1
                } else if words[c] < keywords[c].count {
                    words[c] += 1
                } else {
                    numbered[c] = true
                }
                labels[c] = label(c)
            }
        }
        return labels
    }

    /// What a member's interest in a topic adds to the segment's terms: the topic's first keywords, or,
    /// for a topic without any, its short name.
    private func terms(ofTopic id: Int) -> [String] {
        let keywords = topics.topic(id).keywords.prefix(5)
        return keywords.isEmpty ? [shortName(id)] : Array(keywords)
    }

    /// The topics with the largest summed weight over the members, strongest first.
    private func dominantTopics(_ members: [[Interest]]) -> [(topic: Int, weight: Double)] {
        var weight = [Int: Double]()
        for interests in members {
            for interest in interests { weight[interest.topic!, default: 0] += interest.weight }
        }
        return weight.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            .map { (topic: $0.key, weight: $0.value) }
    }

    /// The items most often among the members' evidence for the segment's dominant topics.
    private func representativeItems(_ members: [[Interest]], topics: Set<Int>) -> [String] {
        var count = [String: Int]()
        for interests in members {
            for interest in interests where topics.contains(interest.topic!) {
                for item in interest.evidence { count[item, default: 0] += 1 }
            }
        }
        return count.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(representativeCount)
            .map(\.key)
    }

    /// A topic's name without its keywords: the categories before the colon of its label.
    private func shortName(_ id: Int) -> String {
        let topic = topics.topic(id)
        if let colon = topic.label.firstIndex(of: ":") { return String(topic.label[..<colon]) }
        return topic.keywords.first ?? topic.label
    }
}
