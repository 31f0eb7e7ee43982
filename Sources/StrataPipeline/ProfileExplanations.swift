import StrataCore
import StrataLLM
import StrataMath

/// Puts a user's interest layers in words: the generative model's sentences when it is configured with
/// the `users` scope, else (and for every layer whose answers it rejects) the deterministic template.
public enum ProfileExplanations {
    /// What each layer's explanation is made from: its five strongest interests and the titles of up to
    /// eight of the user's items behind them — never the user's id or attributes.
    public static func evidence(_ profile: UserProfile, titles: [String: String]) -> [LayerEvidence] {
        LayerKind.allCases.map { kind in
            let interests = profile.layer(kind).interests
            var seen = Set<String>()
            let items = interests.flatMap(\.evidence).filter { seen.insert($0).inserted }
            return LayerEvidence(
                layer: kind.rawValue, interests: interests.prefix(5).map(\.label),
                titles: items.prefix(8).map { titles[$0] ?? $0 })
        }
    }

    /// The explanation of every layer of `profile`, by layer, and a notice when the model was not used
    /// (none configured, or a scope short of `users`) or some layers fell back to the template.
    public static func explain(_ profile: UserProfile, titles: [String: String], namer: LabelNamer?) async -> (
        explanations: [LayerKind: LayerExplanation], notice: String?
    ) {
        let evidence = evidence(profile, titles: titles)
        func byLayer(_ explanations: [LayerExplanation]) -> [LayerKind: LayerExplanation] {
            Dictionary(uniqueKeysWithValues: zip(LayerKind.allCases, explanations))
        }
        guard let namer, namer.client.configuration.scope >= .users else {
            return (
                byLayer(evidence.map(ProfileExplainer.template)),
                usersScopeNotice(namer, what: "explaining a user", instead: "template explanations")
            )
        }
        let result = await ProfileExplainer(client: namer.client, cache: namer.cache).explain(evidence)
        let notice = result.problems.first.map {
            "warning: the LLM at \(namer.client.configuration.baseURL) did not explain \(result.problems.count) of "
                + "\(evidence.count) layers, which get template explanations (first: \($0))"
        }
        return (byLayer(result.explanations), notice)
    }

    /// Why `namer` is not asked about a user (`nil` when it may be): none is configured, or its scope is
    /// short of `users`; `what` needs it and `instead` is used.
    static func usersScopeNotice(_ namer: LabelNamer?, what: String, instead: String) -> String? {
        guard let namer else {
            return "note: no LLM endpoint configured (--llm-url or STRATA_LLM_URL): \(instead)"
        }
        let scope = namer.client.configuration.scope
        return scope >= .users
            ? nil : "warning: \(what) needs --llm-scope users (the scope is \(scope.rawValue)): \(instead)"
    }
}

extension Pipeline {
    /// The explanation of every layer of `profile` (see `ProfileExplanations.explain`), waiting for the
    /// model's answers; the notice, if any, is logged.
    public func explanations(_ profile: UserProfile, titles: [String: String]) -> [LayerKind: LayerExplanation] {
        let namer = namer
        let result = waitForTask { await ProfileExplanations.explain(profile, titles: titles, namer: namer) }
        if let notice = result.notice { log(notice) }
        return result.explanations
    }
}
