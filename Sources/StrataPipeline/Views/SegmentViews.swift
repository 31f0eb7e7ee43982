import StrataCore

/// A segment as `GET /v1/segments/{id}` and `strata segment --show ID --json` show it: without its centroid,
/// with its topics and representative items named. `label` is the generative model's name when it named
/// the segment, and `keyword_label` then keeps the keyword label.
public struct SegmentView: Codable, Sendable, Equatable {
    public var id: Int
    public var label: String
    /// The keyword label, present when `label` is the generative model's name.
    public var keywordLabel: String?
    /// The members' count as published (`Disclosure`); `nil` when suppressed, with the segment's users.
    public var size: Int?
    public var keywords: [String]
    public var topics: [TopicReference]
    public var cohesion: Double
    /// How well refits on half the users keep the members together (0…1; see `Segment.stability`).
    public var stability: Double?
    /// The interests that set the segment apart, most distinctive first, with their lift.
    public var distinctiveInterests: [DistinctiveInterestView]?
    public var representativeUsers: [String]
    public var representativeItems: [ItemReference]
    /// Only for `GET /v1/segments/{id}`: the members (at most `memberLimit`, in id order).
    public var members: [String]?

    /// `{"topic", "label", "share", "population_share", "lift"}`: the share of the members holding the interest,
    /// of all segmented users holding it, and their ratio.
    public struct DistinctiveInterestView: Codable, Sendable, Equatable {
        public var topic: Int
        public var label: String
        public var share: Double
        public var populationShare: Double
        public var lift: Double

        enum CodingKeys: String, CodingKey {
            case topic, label, share, lift
            case populationShare = "population_share"
        }
    }

    public struct TopicReference: Codable, Sendable, Equatable {
        public var id: Int
        public var label: String
    }

    enum CodingKeys: String, CodingKey {
        case id, label
        case keywordLabel = "keyword_label"
        case size, keywords, topics, cohesion, stability, members
        case distinctiveInterests = "distinctive_interests"
        case representativeUsers = "representative_users"
        case representativeItems = "representative_items"
    }

    public static let memberLimit = 1000

    /// The view of `segment`; `names` has the generative model's names of segments and topics, if any; under
    /// `disclosure`, a suppressed segment names no size, representative users or members.
    public init(
        _ segment: Segment, topics: TopicModel, titles: [String: String], members: [String]? = nil,
        names: LabelNames = LabelNames(), disclosure: Disclosure = .none
    ) {
        id = segment.id
        label = names.segments[segment.id] ?? segment.label
        keywordLabel = names.segments[segment.id].map { _ in segment.label }
        size = disclosure.publish(segment.size, group: segment.id)
        keywords = segment.keywords
        self.topics = segment.topics.map { TopicReference(id: $0, label: names.topics[$0] ?? topics.topic($0).label) }
        cohesion = segment.cohesion.isFinite ? segment.cohesion : 0
        stability = segment.stability
        distinctiveInterests = segment.distinctiveInterests?.map {
            DistinctiveInterestView(
                topic: $0.topic, label: names.topics[$0.topic] ?? $0.label, share: $0.share,
                populationShare: $0.populationShare, lift: $0.lift)
        }
        representativeUsers = size == nil ? [] : segment.representativeUsers
        representativeItems = segment.representativeItems.map { ItemReference(id: $0, titles: titles) }
        self.members = size == nil ? nil : members.map { Array($0.prefix(Self.memberLimit)) }
    }
}

/// A layer's segments, as `GET /v1/segments` and `strata segment --json` show them. The CLI adds every
/// user's `assignments` and, when it changed the segments, what it `applied` or the `changes` of a refit.
public struct SegmentListView: Codable, Sendable, Equatable {
    public var layer: String
    public var algorithm: String
    /// Users with a segment, as published (`nil` when suppressed).
    public var users: Int?
    /// The share of users that changed segment since the last full fit.
    public var drift: Double
    /// The mean adjusted Rand index between the fit and refits on half the users (see `SegmentModel.stability`).
    public var stability: Double?
    /// How the number of segments was chosen, when it was: the range, the rule's verdict in `reason`, and every
    /// candidate k with its silhouette, smallest segment and weakest best lift.
    public var kChoice: KChoice?
    public var segments: [SegmentView]
    /// Every user's segment and weighted memberships, by user id (CLI).
    public var assignments: [Assignment]?
    /// What `--apply-events` did (CLI).
    public var applied: Applied?
    /// How a refit changed the segments (CLI).
    public var changes: Changes?
    /// What was done to the published counts, when anything was (API).
    public var privacy: DisclosureStatement?
    /// The form of the user ids in `assignments`, `raw` or `hmac-sha256` (CLI).
    public var userIDs: String?

    enum CodingKeys: String, CodingKey {
        case layer, algorithm, users, drift, stability, segments, assignments, applied, changes, privacy
        case kChoice = "k_choice"
        case userIDs = "user_ids"
    }

    public struct Assignment: Codable, Sendable, Equatable {
        public var user: String
        public var segment: Int
        public var memberships: [Weight]

        public struct Weight: Codable, Sendable, Equatable {
            public var segment: Int
            public var weight: Double
        }
    }

    /// `--apply-events`: the events and users applied, the users that moved segment, the drift since the
    /// last full fit and whether it caused a refit.
    public struct Applied: Codable, Sendable, Equatable {
        public var events: Int
        public var users: Int
        public var moved: Int
        public var drift: Double
        public var refitted: Bool

        public init(events: Int, users: Int, update: SegmentUpdate?) {
            self.events = events
            self.users = users
            moved = update?.moved.count ?? 0
            drift = update?.drift ?? 0
            refitted = update?.refitted ?? false
        }
    }

    /// How the number of segments was chosen (`SegmentCountChoice`), in the API's spelling.
    public struct KChoice: Codable, Sendable, Equatable {
        public var lower: Int
        public var upper: Int
        public var k: Int
        public var segments: Int
        public var sampledUsers: Int
        public var minimumSize: Int
        public var minimumLift: Double
        public var reason: String
        public var candidates: [Candidate]

        public struct Candidate: Codable, Sendable, Equatable {
            public var k: Int
            public var segments: Int
            public var silhouette: Double
            public var smallest: Int
            public var weakestLift: Double
            public var rejection: String?

            enum CodingKeys: String, CodingKey {
                case k, segments, silhouette, smallest, rejection
                case weakestLift = "weakest_lift"
            }
        }

        enum CodingKeys: String, CodingKey {
            case lower, upper, k, segments, reason, candidates
            case sampledUsers = "sampled_users"
            case minimumSize = "minimum_size"
            case minimumLift = "minimum_lift"
        }

        public init(_ choice: SegmentCountChoice) {
            (lower, upper, k, segments) = (choice.lower, choice.upper, choice.k, choice.segments)
            (sampledUsers, minimumSize, minimumLift) = (choice.sampledUsers, choice.minimumSize, choice.minimumLift)
            reason = choice.reason
            candidates = choice.candidates.map {
                Candidate(
                    k: $0.k, segments: $0.segments, silhouette: $0.silhouette, smallest: $0.smallest,
                    weakestLift: $0.weakestLift, rejection: $0.rejection)
            }
        }
    }

    /// Segments born, died, merged and split in a refit, and how many users moved.
    public struct Changes: Codable, Sendable, Equatable {
        public var births: [Int]
        public var deaths: [Int]
        public var merges: [Flow]
        public var splits: [Flow]
        public var movedUsers: Int
        public var comparedUsers: Int

        public struct Flow: Codable, Sendable, Equatable {
            public var from: [Int]
            public var to: [Int]
        }

        enum CodingKeys: String, CodingKey {
            case births, deaths, merges, splits
            case movedUsers = "moved_users"
            case comparedUsers = "compared_users"
        }

        public init(_ changes: SegmentChanges) {
            births = changes.births
            deaths = changes.deaths
            merges = changes.merges.map { Flow(from: $0.from, to: $0.to) }
            splits = changes.splits.map { Flow(from: $0.from, to: $0.to) }
            movedUsers = changes.movedUsers.count
            comparedUsers = changes.comparedUsers
        }
    }

    /// The list of `model`'s segments, named by `names` where the generative model named them, their counts
    /// published under `disclosure` (stated in `privacy` unless `.none`).
    public init(
        _ model: SegmentModel, topics: TopicModel, titles: [String: String], names: LabelNames = LabelNames(),
        disclosure: Disclosure = .none
    ) {
        layer = model.layer.rawValue
        algorithm = model.algorithm
        users = disclosure.publish(model.memberships.count, group: -1)
        drift = model.drift
        stability = model.stability
        kChoice = model.countChoice.map(KChoice.init)
        // A candidate's smallest segment is a group count the disclosure rules have not vetted.
        if disclosure != .none { kChoice?.candidates = [] }
        segments = model.segmentsBySize.map {
            SegmentView($0, topics: topics, titles: titles, names: names, disclosure: disclosure)
        }
        privacy = disclosure == .none ? nil : disclosure.statement
    }

    /// The list with every user's assignment (CLI).
    public func withAssignments(of model: SegmentModel) -> SegmentListView {
        var copy = self
        copy.assignments = model.memberships.keys.sorted().map { user in
            let membership = model.memberships[user]!
            return Assignment(
                user: user, segment: membership.segment,
                memberships: membership.memberships.map { Assignment.Weight(segment: $0.segment, weight: $0.weight) })
        }
        return copy
    }
}

/// An item id with its title: `{"item_id", "title"}`.
public struct ItemReference: Codable, Sendable, Equatable {
    public var itemID: String
    public var title: String

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case title
    }

    public init(id: String, titles: [String: String]) {
        itemID = id
        title = titles[id] ?? id
    }
}

/// The generative model's names of topics and segments, by id; empty without a model.
public struct LabelNames: Sendable, Equatable {
    public var topics: [Int: String]
    public var segments: [Int: String]

    public init(topics: [Int: String] = [:], segments: [Int: String] = [:]) {
        self.topics = topics
        self.segments = segments
    }
}
