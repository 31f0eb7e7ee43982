import ArgumentParser
import Foundation
import StrataCore
import StrataPipeline
import StrataRecommend

/// `strata recommend`: top-k items with reasons for a user, for every user, or for a newcomer.
struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Recommend items with reasons: for one user, for every user (CSV), or cold start from a text or attributes.",
        discussion: """
            Runs the stages it needs first (embedding, topics, profiles, segments), chooses the hybrid on a \
            validation split of this database's own events the first time (and again when the data has \
            changed by half; --tune-budget, --no-tune), and fits it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }
    /// Who has the last word on the order: the hybrid alone, or the LLM over the hybrid's top 50.
    enum Rerank: String, ExpressibleByArgument, CaseIterable { case none, llm }

    @OptionGroup var options: PipelineOptions
    @OptionGroup var llm: LLMOptions
    @OptionGroup var tuning: TuningOptions
    @Option(help: "The user to recommend for.") var user: String?
    @Flag(help: "Recommend for every user with events.") var allUsers = false
    @Option(help: #"Cold start: a description of a new user's tastes, e.g. "I love space operas and heist films"."#)
    var text: String?
    @Option(
        name: .customLong("attribute"),
        help: "Cold start from attributes alone, KEY=VALUE (repeatable), e.g. --attribute age_band=25-34.")
    var attributes: [String] = []
    @Option(name: .short, help: "How many items per user (1–1000).") var k = 10
    @Flag(help: "Say why each item is recommended.") var explain = false
    @Flag(
        help:
            #"Print {"user", "layer", "segment", "items": [{"item_id", "title", "score", "reason": {"layer", "interest", "evidence": {"item_id", "title"}, "text"}}]} as JSON, as the API answers."#
    ) var json = false
    @Option(
        help:
            "Output format: text, json, or csv (user,item,rank; the first column is user_hmac_sha256 under --pseudonymize-key-file)."
    ) var format: Format?
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(
        help:
            "Which of a user's items never come back: interacted (everything they did), purchased, or none (repeat-purchase catalogs)."
    )
    var excludeSeen = SeenExclusion.interacted
    @Option(
        help:
            "Pull each list toward the user's mix of topic interests, from 0 (by score alone) to 1; overrides the tuned value."
    )
    var calibration: Float?
    @Option(
        help:
            "llm: the LLM re-orders the hybrid's top 50 for one --user, with a reason each (needs --llm-url and --llm-scope users; else the hybrid's order)."
    )
    var rerank = Rerank.none

    var chosenFormat: Format { format ?? (json ? .json : .text) }

    func validate() throws {
        guard (1 ... 1000).contains(k) else { throw ValidationError("-k must be from 1 to 1000, got \(k)") }
        let modes = [user != nil || text != nil, allUsers, !attributes.isEmpty].filter { $0 }.count
        guard modes == 1 else {
            throw ValidationError("give one of --user ID, --text TEXT, --all-users or --attribute KEY=VALUE")
        }
        if let calibration, !(0 ... 1).contains(calibration) {
            throw ValidationError("--calibration must be from 0 to 1, got \(calibration)")
        }
        if rerank == .llm, user == nil || text != nil {
            throw ValidationError(
                "--rerank llm re-ranks the list of one --user ID (not --text, --all-users or --attribute)")
        }
        for attribute in attributes where !attribute.contains("=") {
            throw ValidationError("--attribute '\(attribute)': expected KEY=VALUE")
        }
    }

    mutating func run() throws {
        let writer = try OutputWriter(path: output)  // first: an unwritable --output fails before any work
        let pipeline = try options.open()
        tuning.apply(to: pipeline)
        user = try user.map(options.storedUser)  // from here on, the id as stored
        guard try pipeline.store.stats().items > 0 else {
            throw CommandError(
                "\(options.store.name) has no items: import a catalog and events first, e.g. `strata import movielens DIR --db \(options.store.db)`"
            )
        }
        do {
            if text == nil, try pipeline.store.stats().events == 0 { throw RecommendError.noInteractions }
            if let text, try user == nil || pipeline.store.events(ofUser: user!).isEmpty {
                try emit(coldStart(text, pipeline: pipeline), to: writer)
            } else if !attributes.isEmpty {
                try emit(attributeColdStart(pipeline), to: writer)
            } else {
                try known(pipeline, to: writer)
            }
        } catch let error as RecommendError {
            throw CommandError(error)
        }
    }

    private func known(_ pipeline: Pipeline, to writer: OutputWriter) throws {
        if let user, try !pipeline.store.events(ofUser: user).contains(where: \.type.isInteraction) {
            throw RecommendError.unknownUser(user)
        }
        let catalog = try pipeline.catalog()
        var parameters = try pipeline.hybridParameters(catalog: catalog)
        if let calibration { parameters.calibration = calibration }
        // Every user's lists in CSV or text are written as they are ranked, their profiles read with them.
        let streamed = allUsers && chosenFormat != .json
        let recommender = try pipeline.recommender(
            parameters: parameters, excludeSeen: excludeSeen, catalog: catalog, profiles: streamed ? [] : nil)
        if streamed {
            try writeEveryUser(recommender, pipeline: pipeline, to: writer)
        } else {
            try emit(wholeOutput(recommender, pipeline: pipeline), to: writer)
        }
    }

    /// Every user's list in CSV or text, written block by block as the blocks are ranked: memory holds one
    /// block's profiles and lists, not a million users' (a file appears complete or not at all, see
    /// `OutputWriter`).
    private func writeEveryUser(_ recommender: Recommender, pipeline: Pipeline, to writer: OutputWriter) throws {
        if chosenFormat == .csv { try writer.writeLine(csvHeader()) }
        let (titles, total, start) = (recommender.explainer.titles, recommender.users.count, Date())
        var done = 0
        try pipeline.recommendEveryUser(with: recommender, k: k, explain: explain) { users, lists in
            for (user, list) in zip(users, lists) {
                if chosenFormat == .csv {
                    for line in Self.csvLines(user: user, list: list) { try writer.writeLine(line) }
                } else {
                    if done > 0 { try writer.writeLine("") }  // a blank line between users, as in `wholeOutput`
                    try writer.writeLine(Self.text(user: user, list: list, titles: titles))
                }
                done += 1
            }
            if done * 10 / total > (done - users.count) * 10 / total, done < total {
                pipeline.log(
                    String(
                        format: "recommended for %d of %d users (%.0f s)", done, total, Date().timeIntervalSince(start))
                )
            }
        }
        try writer.finish()
        pipeline.log(String(format: "recommended for %d users in %.2f s", total, Date().timeIntervalSince(start)))
    }

    /// One user's list (re-ordered by the LLM with `--rerank llm`), or every user's as JSON.
    private func wholeOutput(_ recommender: Recommender, pipeline: Pipeline) throws -> String {
        let users = allUsers ? recommender.users : [user!]
        let start = Date()
        var lists = try recommender.recommend(
            users: users, k: rerank == .llm ? max(k, LLMRerank.candidateCount) : k, explain: explain)
        pipeline.log(String(format: "recommended for %d users in %.2f s", users.count, Date().timeIntervalSince(start)))
        var llmReasons = [String: String]()
        if rerank == .llm, let user {
            llm.apply(to: pipeline)
            guard let profile = try recommender.contexts[user]?.profile ?? pipeline.storedProfile(of: user) else {
                throw RecommendError.unknownUser(user)
            }
            let reranked = pipeline.rerank(lists[0], profile: profile, titles: recommender.explainer.titles, k: k)
            (lists, llmReasons) = ([reranked.list], reranked.reasons)
            LLMOptions.reportUsage(of: pipeline)
        }
        switch chosenFormat {
        case .csv:
            return ([try csvHeader()] + zip(users, lists).flatMap { Self.csvLines(user: $0, list: $1) }).joined(
                separator: "\n")
        case .json:
            let (titles, segments) = (recommender.explainer.titles, recommender.segments)
            let views = zip(users, lists).map { user, list in
                RecommendationsView(
                    user: user, layer: nil, segment: segments[user], recommendations: list, titles: titles,
                    llmReasons: llmReasons)
            }
            let form = try options.store.userIDs().form
            guard allUsers else {
                var view = views[0]
                view.userIDs = form
                return JSONOutput.string(view)
            }
            return JSONOutput.string(RecommendationListView(users: views, userIDs: form))
        case .text:
            let titles = recommender.explainer.titles
            return zip(users, lists).map { Self.text(user: $0, list: $1, titles: titles, llmReasons: llmReasons) }
                .joined(separator: "\n\n")
        }
    }

    /// A user's list as CSV lines: user, item, rank.
    static func csvLines(user: String, list: [Recommendation]) -> [String] {
        list.enumerated().map { rank, item in "\(user),\(item.item),\(rank + 1)" }
    }

    /// A user's list, one line per item with its reasons (the LLM's first, when it re-ranked the list).
    static func text(
        user: String, list: [Recommendation], titles: [String: String], llmReasons: [String: String] = [:]
    ) -> String {
        // An item known only by its id (and category) has no title: show the id.
        func name(_ item: String) -> String { titles[item] ?? item }
        var lines = ["top \(list.count) for user \(user)"]
        for (rank, item) in list.enumerated() {
            lines.append(String(format: "%3d. %@  (%.3f)", rank + 1, name(item.item), item.score))
            if let reason = llmReasons[item.item] { lines.append("     llm: \(reason)") }
            if let reason = item.reason {
                lines.append(
                    "     \(reason.layer.rawValue): \(reason.interest) — like \(name(reason.evidence))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private func coldStart(_ text: String, pipeline: Pipeline) throws -> String {
        let found = try ColdStartMatches(text, k: k, pipeline: pipeline)
        switch chosenFormat {
        case .json:
            let titles = try pipeline.store.items().titlesByID()
            return JSONOutput.string(
                ColdStartView(text: text, user: user, items: found.items, topics: found.topics, titles: titles))
        case .csv:
            return ([try csvHeader()] + found.items.enumerated().map { "\(user ?? ""),\($1.item),\($0 + 1)" }).joined(
                separator: "\n")
        case .text:
            let titles = try pipeline.store.items().titlesByID()
            return found.text(titles: titles, explain: explain)
        }
    }

    private func attributeColdStart(_ pipeline: Pipeline) throws -> String {
        let wanted = Dictionary(
            attributes.map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }, uniquingKeysWith: { _, b in b })
        let catalog = try pipeline.catalog()
        let recommender = try pipeline.recommender(catalog: catalog)
        let known = Dictionary(
            try pipeline.store.users().map { ($0.id, $0.attributes) }, uniquingKeysWith: { a, _ in a })
        guard known.values.contains(where: { !$0.isEmpty }) else {
            throw CommandError(
                "\(options.store.name) has no user attributes: import users first (`strata import users FILE`)")
        }
        let result = try recommender.coldStart(text: nil, attributes: wanted, knownAttributes: known, k: k)
        let (segment, items) = (result.segment, result.items)
        let titles = recommender.explainer.titles
        switch chosenFormat {
        case .json:
            var view = ColdStartView(
                result, fromText: false, fromAttributes: true,
                segments: try? pipeline.segments(layer: .deep, catalog: catalog),
                titles: titles)
            view.attributes = wanted
            return JSONOutput.string(view)
        case .csv:
            return ([try csvHeader()] + items.enumerated().map { ",\($1.item),\($0 + 1)" }).joined(separator: "\n")
        case .text:
            return
                (["most popular in segment \(segment.map(String.init) ?? "(none)"), the nearest to these attributes"]
                + items.enumerated().map { String(format: "%3d. %@", $0 + 1, titles[$1.item] ?? $1.item) }).joined(
                    separator: "\n")
        }
    }

    /// The CSV header, whose first column says which form the user ids have: `user` for raw ids,
    /// `user_hmac_sha256` for pseudonyms.
    private func csvHeader() throws -> String {
        (try options.store.userIDs().arePseudonymous ? "user_hmac_sha256" : "user") + ",item,rank"
    }

    private func emit(_ text: String, to writer: OutputWriter) throws {
        try writer.writeLine(text)
        try writer.finish()
    }
}

extension SeenExclusion: ExpressibleByArgument {}
