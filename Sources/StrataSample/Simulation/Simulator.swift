import StrataCore
import StrataMath

/// Simulates users whose events follow planted interests: two long-term ones from their segment
/// through the whole history, a short-term one in the recent window for some, a drift from one
/// interest to another halfway for others, and noise. It also simulates the week after.
struct Simulator {
    static let start: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
    static let day: Int64 = 86_400
    static let end = start + 182 * day  // 2024-07-01
    static let recentStart = end - 28 * day
    static let nextWeekEnd = end + 7 * day
    /// Share of interactions with an item of a random sub-category.
    static let noise = 0.1

    let catalog: SampleCatalog
    let prose: any SampleProse
    private(set) var users: [User] = []
    private(set) var truths: [GroundTruth.UserTruth] = []
    private(set) var events: [Event] = []
    private(set) var nextWeek: [Event] = []
    private var random: SeededRandom

    private var subcategories: Int { Vocabulary.english.count }
    /// The index of a sub-category named by its English path (as `PlantedSegment` names them).
    private func index(of path: String) -> Int { Vocabulary.english.firstIndex { $0.path == path }! }
    /// The path of a sub-category in the sample's language.
    private func path(_ index: Int) -> String { prose.vocabularies[index].path }

    init(catalog: SampleCatalog, prose: any SampleProse, random: SeededRandom) {
        self.catalog = catalog
        self.prose = prose
        self.random = random
    }

    /// Simulates `count` users.
    mutating func run(users count: Int) {
        let segmentWeights = PlantedSegment.all.map(\.weight)
        for u in 0 ..< count {
            let id = "u" + String(u + 1).leftPadded(to: 4)
            let segment = random.weighted(segmentWeights)
            simulateUser(id: id, segment: segment)
        }
        events.sort(by: Self.logOrder)
        nextWeek.sort(by: Self.logOrder)
    }

    /// Time order, ties broken so the order is total.
    private static func logOrder(_ a: Event, _ b: Event) -> Bool {
        (a.timestamp, a.userID, a.itemID, a.type.rawValue) < (b.timestamp, b.userID, b.itemID, b.type.rawValue)
    }

    private mutating func simulateUser(id: String, segment: Int) {
        let planted = PlantedSegment.all[segment]
        users.append(User(id: id, attributes: attributes(of: planted)))
        let long = [index(of: planted.interests.0), index(of: planted.interests.1)]
        let drifting = random.chance(0.15)
        let kept = random.int(2)
        let driftTo = drifting ? other(than: long) : nil
        let shortTerm = !drifting && random.chance(0.6) ? other(than: long) : nil

        // Interaction times: past ones over the user's span, about 30% in the recent window.
        let n = 10 + random.int(20) + (random.chance(0.25) ? random.int(24) : 0)
        let recentCount = max(3, n * 3 / 10)
        let firstSeen = Self.start + Int64(random.int(40)) * Self.day
        var times = (0 ..< n - recentCount).map { _ in firstSeen + Int64(random.int(Int(Self.recentStart - firstSeen)))
        }
        times += (0 ..< recentCount).map { _ in Self.recentStart + Int64(random.int(Int(26 * Self.day))) }
        times = spaced(times.sorted())
        let driftTime = firstSeen + (Self.recentStart - firstSeen) * Int64(45 + random.int(20)) / 100

        for t in times {
            var mix: [(Int, Double)]
            let current = drifting && t >= driftTime ? [long[kept], driftTo!] : long
            if t >= Self.recentStart, let shortTerm {
                mix = [(shortTerm, 0.5), (current[0], 0.2), (current[1], 0.2)]
            } else if t >= Self.recentStart, drifting {
                mix = [(long[kept], 0.35), (driftTo!, 0.55)]
            } else {
                mix = [(current[0], 0.45), (current[1], 0.45)]
            }
            mix.append((-1, Self.noise))
            events += interact(user: id, at: t, mix: mix)
        }

        // The next week: most users come back; some of them with a new interest.
        var nextWeekInterest: String?
        if random.chance(0.7) {
            let latest = drifting ? [long[kept], driftTo!] : long
            var mix: [(Int, Double)] =
                shortTerm.map { [($0, 0.4), (latest[0], 0.25), (latest[1], 0.25)] }
                ?? [(latest[0], 0.45), (latest[1], 0.45)]
            if random.chance(0.12) {
                let new = other(than: long + [driftTo, shortTerm].compactMap { $0 })
                nextWeekInterest = path(new)
                mix = [(new, 0.7), (latest[0], 0.1), (latest[1], 0.1)]
            }
            mix.append((-1, Self.noise))
            let k = 2 + random.int(5)
            let weekTimes = spaced((0 ..< k).map { _ in Self.end + Int64(random.int(Int(6 * Self.day))) }.sorted())
            for t in weekTimes { nextWeek += interact(user: id, at: t, mix: mix) }
        }

        truths.append(
            GroundTruth.UserTruth(
                id: id, segment: segment,
                longTerm: drifting ? [path(long[kept])] : long.map(path),
                recent: [shortTerm ?? driftTo].compactMap { $0 }.map(path),
                drifting: drifting,
                driftFrom: drifting ? path(long[1 - kept]) : nil,
                driftTo: driftTo.map(path),
                nextWeekInterest: nextWeekInterest))
    }

    /// Sorted times pushed apart so one interaction's events (at most ten minutes) never overlap the next.
    private func spaced(_ sorted: [Int64]) -> [Int64] {
        var out = sorted
        for i in out.indices.dropFirst() where out[i] < out[i - 1] + 900 { out[i] = out[i - 1] + 900 }
        return out
    }

    /// A sub-category not in `excluded`.
    private mutating func other(than excluded: [Int]) -> Int {
        let candidates = (0 ..< subcategories).filter { !excluded.contains($0) }
        return random.pick(candidates)
    }

    private mutating func attributes(of segment: PlantedSegment) -> [String: String] {
        let bands = PlantedSegment.ageBands
        let age =
            random.chance(0.6)
            ? segment.typicalAge
            : min(
                bands.count - 1,
                max(0, segment.typicalAge + random.int(3) - 1 + (random.chance(0.3) ? random.int(3) - 1 : 0)))
        let gender = random.chance(segment.femaleShare) ? "F" : (random.chance(0.95) ? "M" : "X")
        let location = random.chance(0.5) ? segment.home : random.int(PlantedSegment.locations.count)
        return ["age_band": bands[age], "gender": gender, "location": PlantedSegment.locations[location]]
    }

    /// One interaction: an item of an interest drawn from `mix` (-1 = any sub-category), seen and
    /// perhaps searched for, clicked, liked, bought, rated or reviewed.
    private mutating func interact(user: String, at t: Int64, mix: [(Int, Double)]) -> [Event] {
        var interest = mix[random.weighted(mix.map(\.1))].0
        let isNoise = interest < 0
        if isNoise { interest = random.int(subcategories) }
        let group = catalog.itemsOfInterest[interest]
        let item = catalog.items[group[random.weighted(group.indices.map { 1.0 / Double($0 + 1) })]]
        let vocabulary = prose.vocabularies[interest]
        var log: [Event] = []
        func add(_ type: EventType, _ offset: Int64, value: Double? = nil, text: String? = nil) {
            log.append(
                Event(userID: user, itemID: item.id, type: type, timestamp: t + offset, value: value, text: text))
        }
        if random.chance(0.08) { add(.search, 0, text: random.pick(vocabulary.searches)) }
        add(.view, 30)
        if random.chance(isNoise ? 0.2 : 0.5) { add(.click, 60) }
        if !isNoise {
            if random.chance(0.15) { add(.like, 90) }
            if random.chance(0.12) {
                add(.cart, 120)
                if random.chance(0.5) { add(.purchase, 300) }
            }
        }
        if random.chance(0.1) {
            add(.rating, 420, value: Double(isNoise ? 1 + random.int(3) : 4 + random.int(2)))
        }
        if random.chance(0.04) { add(.review, 480, text: review(of: vocabulary, liked: !isNoise)) }
        return log
    }

    private mutating func review(of v: Vocabulary, liked: Bool) -> String {
        let feature = random.pick(v.features)
        let use = random.pick(v.uses)
        return random.pick(prose.reviews(feature: feature, use: use, liked: liked))
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
