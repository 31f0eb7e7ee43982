import Foundation
import StrataMath
import Testing

@testable import StrataRecommend

/// Implicit ALS against exact reference sweeps computed by numpy, and its behaviour: the loss falls, a
/// planted block structure is recovered, bad parameters are refused, new users are solved on the fly.
@Suite struct ImplicitALSTests {
    /// Six users over five items (user 5 has none), as in scripts/reference/als_reference.py.
    let tiny = InteractionMatrix(
        itemIDs: ["i0", "i1", "i2", "i3", "i4"],
        histories: [
            ("u0", ["i0", "i1"]), ("u1", ["i0", "i2"]), ("u2", ["i1", "i2", "i3"]), ("u3", ["i3", "i4"]),
            ("u4", ["i0", "i4"]), ("u5", [])
        ])
    /// The script's fixed initial item factors, α and λ.
    static let y0: [[Float]] = [
        [0.10, -0.20, 0.30],
        [0.40, 0.10, -0.10],
        [-0.30, 0.20, 0.20],
        [0.05, 0.35, -0.25],
        [0.20, -0.15, 0.10]
    ]
    static let alpha: Float = 2
    static let lambda: Float = 0.1

    // Output of `python3 scripts/reference/als_reference.py` (numpy, float64): the exact user update from
    // y0 (x1), the item update from x1 (y1) and the next user update from y1 (x2).
    static let x1: [[Float]] = [
        [2.22797257, 0.49845261, 1.79441185],
        [-0.05642707, 0.98841495, 2.90583278],
        [1.15060683, 3.46493168, 1.37371173],
        [1.74543000, 1.23519900, 0.10882532],
        [1.45459122, -0.64670229, 1.87855499],
        [0.00000000, 0.00000000, 0.00000000]
    ]
    static let y1: [[Float]] = [
        [0.13241152, -0.18319919, 0.40339892],
        [0.27802509, 0.16776208, 0.03423589],
        [-0.22711031, 0.26586674, 0.24667954],
        [0.26894936, 0.28682227, -0.17581253],
        [0.50385272, -0.13068691, -0.02030172]
    ]
    static let x2: [[Float]] = [
        [1.40878757, 0.63745070, 1.93873807],
        [0.00876705, 0.77135380, 2.49290069],
        [0.93042060, 2.99322819, 1.03794462],
        [1.84071989, 0.78652771, -0.40291792],
        [1.51089007, -0.84408186, 1.36653775],
        [0.00000000, 0.00000000, 0.00000000]
    ]

    func fitTiny(iterations: Int, solver: ImplicitALS.Solver) throws -> ImplicitALS {
        try ImplicitALS(
            fitting: tiny, factors: 3, iterations: iterations, regularization: Self.lambda, alpha: Self.alpha,
            solver: solver, seed: 7, initialItemFactors: Matrix(rowVectors: Self.y0))
    }

    func expectClose(_ got: Matrix, _ want: [[Float]], tolerance: Float = 1e-4, _ label: String) {
        #expect(got.rows == want.count && got.columns == want[0].count, "\(label): shape")
        for (r, row) in want.enumerated() {
            for (c, value) in row.enumerated() {
                #expect(abs(got[r, c] - value) < tolerance, "\(label)[\(r), \(c)] = \(got[r, c]), expected \(value)")
            }
        }
    }

    @Test(arguments: [ImplicitALS.Solver.exact, .conjugateGradient(steps: 3)])
    func sweepsMatchTheNumpyReference(solver: ImplicitALS.Solver) throws {
        // Conjugate gradient with as many steps as factors solves each 3 × 3 system exactly.
        let one = try fitTiny(iterations: 1, solver: solver)
        expectClose(one.userFactors, Self.x1, "x1")
        expectClose(one.itemFactors, Self.y1, "y1")
        let two = try fitTiny(iterations: 2, solver: solver)
        expectClose(two.userFactors, Self.x2, "x2")
    }

    @Test func aNewUsersFactorIsTheFactorFittingWouldGiveThem() throws {
        // After one iteration the items are y1; the next user half-sweep (fitting a second iteration) gives
        // x2, and so must a factor solved on the fly from the same items.
        let one = try fitTiny(iterations: 1, solver: .exact)
        let two = try fitTiny(iterations: 2, solver: .exact)
        for (u, items) in tiny.userItems.enumerated() {
            let onTheFly = one.userFactor(items: items)
            for k in 0 ..< 3 {
                #expect(abs(onTheFly[k] - Self.x2[u][k]) < 1e-4)
                #expect(abs(onTheFly[k] - two.userFactors[u, k]) < 1e-5)
            }
        }
        // Repeats, order and columns outside the catalog do not matter.
        #expect(one.userFactor(items: [2, 0, 2, 99, -1]) == one.userFactor(items: [0, 2]))
        // Scoring: a user unknown at fit time gets the on-the-fly factor; a fitted one their fitted factor,
        // unless their context has items the fit did not see.
        let scores = one.scores(for: [
            UserContext(user: "new", items: [1, 2, 3]), UserContext(user: "u0", items: [0, 1]),
            UserContext(user: "u0", items: [0, 1, 4])
        ])
        let items = one.itemFactors
        let expectedFactors = [
            one.userFactor(items: [1, 2, 3]), one.userFactors.row(0), one.userFactor(items: [0, 1, 4])
        ]
        for (row, factor) in expectedFactors.enumerated() {
            for item in 0 ..< 5 {
                let want = (0 ..< 3).reduce(Float(0)) { $0 + factor[$1] * items[item, $1] }
                #expect(abs(scores[row, item] - want) < 1e-5)
            }
        }
        #expect(one.userFactor(items: []) == [0, 0, 0])
    }

    /// `users` users over `items` items, each with about `perUser` random distinct items.
    func randomMatrix(users: Int, items: Int, perUser: Int, seed: UInt64) -> InteractionMatrix {
        var random = SeededRandom(seed: seed)
        let ids = (0 ..< items).map { "i\($0)" }
        return InteractionMatrix(
            itemIDs: ids,
            histories: (0 ..< users).map { u in
                (
                    user: "u\(u)",
                    items: random.sample(1 + Int(random.next() % UInt64(2 * perUser)), of: items).map { ids[$0] }
                )
            })
    }

    @Test func trainingLossFallsEveryIteration() throws {
        let matrix = randomMatrix(users: 80, items: 50, perUser: 6, seed: 3)
        for solver in [ImplicitALS.Solver.conjugateGradient(steps: 3), .exact] {
            // With the same seed, a fit of k iterations is the first k iterations of a longer one.
            let losses = try (1 ... 6).map {
                try ImplicitALS(fitting: matrix, factors: 8, iterations: $0, solver: solver).loss(on: matrix)
            }
            for (before, after) in zip(losses, losses.dropFirst()) { #expect(after < before, "\(solver): \(losses)") }
        }
    }

    @Test func lossIsTheObjectiveSummedOverEveryPair() throws {
        let model = try fitTiny(iterations: 2, solver: .exact)
        var brute = 0.0
        for u in 0 ..< 6 {
            for i in 0 ..< 5 {
                let p: Double = tiny.userItems[u].contains(i) ? 1 : 0
                let c = 1 + Double(Self.alpha) * p
                let s = (0 ..< 3).reduce(0.0) {
                    $0 + Double(model.userFactors[u, $1]) * Double(model.itemFactors[i, $1])
                }
                brute += c * (p - s) * (p - s)
            }
        }
        brute +=
            Double(Self.lambda)
            * (model.userFactors.values + model.itemFactors.values).reduce(0.0) { $0 + Double($1 * $1) }
        #expect(abs(model.loss(on: tiny) - brute) < 1e-6 * brute)
    }

    @Test func plantedBlocksRankTheUsersOwnBlockFirst() throws {
        // Users 0–29 take items 0–19, users 30–59 items 20–39: each user's unseen items of their own block
        // must all score above every item of the other block. The structure has rank 2; with many more
        // factors, ALS (numpy's exact sweeps too) fits the within-block noise and mixes the blocks up.
        var random = SeededRandom(seed: 11)
        let ids = (0 ..< 40).map { "i\($0)" }
        let histories = (0 ..< 60).map { u in
            (user: "u\(u)", items: random.sample(5, of: 20).map { ids[$0 + (u < 30 ? 0 : 20)] })
        }
        let matrix = InteractionMatrix(itemIDs: ids, histories: histories)
        let model = try ImplicitALS(fitting: matrix, factors: 2)
        let contexts = matrix.userIDs.indices.map { UserContext(user: matrix.userIDs[$0], items: matrix.userItems[$0]) }
        let scores = model.scores(for: contexts)
        for (u, context) in contexts.enumerated() {
            let own = u < 30 ? 0 ..< 20 : 20 ..< 40
            let other = u < 30 ? 20 ..< 40 : 0 ..< 20
            let worstOwn = own.filter { !context.items.contains($0) }.map { scores[u, $0] }.min()!
            let bestOther = other.map { scores[u, $0] }.max()!
            #expect(worstOwn > bestOther, "user \(u): \(worstOwn) vs \(bestOther)")
        }
    }

    @Test func fittingIsDeterministicForASeed() throws {
        let matrix = randomMatrix(users: 300, items: 120, perUser: 8, seed: 5)
        let a = try ImplicitALS(fitting: matrix, factors: 16, iterations: 3, seed: 9)
        let b = try ImplicitALS(fitting: matrix, factors: 16, iterations: 3, seed: 9)
        #expect(a.userFactors == b.userFactors && a.itemFactors == b.itemFactors)
        let c = try ImplicitALS(fitting: matrix, factors: 16, iterations: 3, seed: 10)
        #expect(a.itemFactors != c.itemFactors)
    }

    @Test func badParametersAreRefused() {
        let cases: [(String, () throws -> ImplicitALS)] = [
            ("ALS factors", { try ImplicitALS(fitting: tiny, factors: 0) }),
            ("ALS iterations", { try ImplicitALS(fitting: tiny, iterations: 0) }),
            ("ALS regularization", { try ImplicitALS(fitting: tiny, regularization: 0) }),
            ("ALS regularization", { try ImplicitALS(fitting: tiny, regularization: -1) }),
            ("ALS regularization", { try ImplicitALS(fitting: tiny, regularization: .nan) }),
            ("ALS alpha", { try ImplicitALS(fitting: tiny, alpha: -0.5) }),
            ("ALS alpha", { try ImplicitALS(fitting: tiny, alpha: .infinity) }),
            ("ALS conjugate-gradient steps", { try ImplicitALS(fitting: tiny, solver: .conjugateGradient(steps: 0)) }),
            (
                "ALS initial item factors",
                {
                    try ImplicitALS(
                        fitting: tiny, factors: 2, iterations: 1, regularization: 1, alpha: 1, solver: .exact, seed: 0,
                        initialItemFactors: Matrix(rowVectors: Self.y0))
                }
            )
        ]
        for (name, fit) in cases {
            do {
                _ = try fit()
                Issue.record("\(name): expected a refusal")
            } catch let RecommendError.invalidParameter(refused, _, _) {
                #expect(refused == name)
            } catch {
                Issue.record("\(name): unexpected \(error)")
            }
        }
    }

    @Test func emptyMatricesFitToZeroFactors() throws {
        let nobody = InteractionMatrix(itemIDs: ["a", "b"], histories: [("u", [])])
        let model = try ImplicitALS(fitting: nobody, factors: 4, iterations: 2)
        #expect(model.userFactors.values.allSatisfy { $0 == 0 } && model.itemFactors.values.allSatisfy { $0 == 0 })
        #expect(model.scores(for: [UserContext(user: "new", items: [0])]).values == [0, 0])
    }

    @Test func hybridParametersKnowALSButDoNotBlendItByDefault() throws {
        let defaults = HybridParameters()
        #expect(HybridParameters.generatorNames(recentWindow: 20).contains("als"))
        #expect(defaults.weights["als"] == nil)
        #expect(defaults.alsFactors == 64 && defaults.alsIterations == 15)
        // A record stored before ALS existed keeps the defaults.
        let old = try JSONDecoder().decode(HybridParameters.self, from: Data(#"{"easeLambda": 500}"#.utf8))
        #expect(
            old.easeLambda == 500 && old.alsFactors == defaults.alsFactors && old.alsAlpha == defaults.alsAlpha
                && old.alsRegularization == defaults.alsRegularization && old.alsIterations == defaults.alsIterations)
        var tuned = defaults
        (tuned.alsFactors, tuned.alsIterations) = (4, 2)
        #expect(try JSONDecoder().decode(HybridParameters.self, from: JSONEncoder().encode(tuned)) == tuned)
        let fitted = try tuned.generators(
            ["als"], matrix: tiny, itemVectors: Matrix(rows: 5, columns: 0),
            categories: ItemCategories(itemIDs: tiny.itemIDs, categories: [:]), segments: [:])
        #expect(fitted.map(\.name) == ["als"])
        #expect((fitted[0] as? ImplicitALS)?.factors == 4)
    }
}
