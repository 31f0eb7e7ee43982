import StrataMath
import StrataText

/// Names segments from their members' profiles: the topics the members' layer weighs most, and the
/// c-TF-IDF keywords of those topics' keywords (each segment one class), so that a label says what
/// sets a segment apart. A topic without keywords (over a catalog known only by ids and categories)
/// takes part by its short name, so the keywords are then the topics that set the segment apart. Labels
/// are made distinct by adding keywords until no two are equal.
struct SegmentLabeler {
    let topics: TopicModel
    let layer: LayerKind
    let keywordCount: Int
    let representativeCount: Int
    /// How many of each member's strongest interests count towards the segment's topics and keywords.
    var interestsPerMember = 3

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
        let labels = distinctLabels(named: named, keywords: keywords)
        return groups.indices.map { c in
            let members = groups[c]
            let nearest = members.map { Double(VectorMath.dot($0.layer(layer).vector, centroids[c])) }
            let representatives = members.indices.sorted {
                nearest[$0] != nearest[$1] ? nearest[$0] > nearest[$1] : members[$0].user < members[$1].user
            }
            return Segment(
                id: c, label: labels[c], keywords: keywords[c], topics: dominant[c], size: members.count,
                representativeUsers: representatives.prefix(representativeCount).map { members[$0].user },
                representativeItems: representativeItems(interests[c], topics: Set(dominant[c].prefix(2))),
                cohesion: cohesion[c], centroid: centroids[c])
        }
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

    /// "Topic & Topic: keyword, keyword" with the short names (their categories, or their first
    /// keyword) of the `named` topics, adding keywords to labels that would otherwise repeat another's.
    private func distinctLabels(named: [[Int]], keywords: [[String]]) -> [String] {
        let names = named.map { $0.map(shortName).joined(separator: " & ") }
        var used = [Int](repeating: 2, count: names.count)
        func label(_ c: Int) -> String {
            let words = keywords[c].prefix(used[c])
            return names[c] + (words.isEmpty ? "" : ": " + words.joined(separator: ", "))
        }
        var labels = names.indices.map(label)
        var changed = true
        while changed {
            changed = false
            let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
            for c in labels.indices where counts[labels[c]]! > 1 && used[c] < keywords[c].count {
                used[c] += 1
                labels[c] = label(c)
                changed = true
            }
        }
        return labels
    }

    /// A topic's name without its keywords: the categories before the colon of its label.
    private func shortName(_ id: Int) -> String {
        let topic = topics.topic(id)
        if let colon = topic.label.firstIndex(of: ":") { return String(topic.label[..<colon]) }
        return topic.keywords.first ?? topic.label
    }
}
