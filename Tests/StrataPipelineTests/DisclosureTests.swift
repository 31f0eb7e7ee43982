import Foundation
import Testing

@testable import StrataPipeline

/// k-anonymity suppression and Laplace noise of published counts, against hand-computed values.
@Suite struct DisclosureTests {
    @Test func countsUnderTheMinimumAreSuppressed() {
        let k10 = Disclosure(minimumGroupSize: 10)
        #expect([3, 9, 10, 25, 0].map { k10.publish($0, group: 1) } == [nil, nil, 10, 25, nil])
        #expect(Disclosure.none.publish(1, group: 0) == 1 && Disclosure.none.publish(0, group: 0) == 0)
    }

    @Test func laplaceNoiseIsTheInverseCDF() {
        #expect(abs(Disclosure.laplace(scale: 2, uniform: 0.75) - 2 * log(2.0)) < 1e-12)  // +1.386
        #expect(abs(Disclosure.laplace(scale: 2, uniform: 0.25) + 2 * log(2.0)) < 1e-12)
        #expect(Disclosure.laplace(scale: 2, uniform: 0.5) == 0)
        let dp = Disclosure(minimumGroupSize: 10, epsilon: 0.5)  // scale 1/ε = 2
        #expect(dp.publish(20, uniform: 0.75) == 21)  // 20 + 1.386 = 21.39
        #expect(dp.publish(11, uniform: 0.1) == nil)  // 11 + 2·ln(0.2) = 7.78: under 10 after the noise
        #expect(dp.publish(9, uniform: 0.9) == 12)  // 9 − 2·ln(0.2) = 12.22
    }

    @Test func noiseIsFixedPerCountAndHasTheLaplaceScale() {
        let dp = Disclosure(minimumGroupSize: 1, epsilon: 0.5, seed: 42)
        #expect(dp.publish(500, group: 3) == dp.publish(500, group: 3), "asking again gives the same answer")
        let errors = (0 ..< 20_000).map { abs(Double(dp.publish(1000, group: $0)! - 1000)) }
        let mean = errors.reduce(0, +) / Double(errors.count)
        #expect(mean > 1.8 && mean < 2.3, "E|Laplace(b)| = b = 2; rounding moves it a little: \(mean)")
        let other = Disclosure(minimumGroupSize: 1, epsilon: 0.5, seed: 43)
        #expect(
            (0 ..< 50).contains { dp.publish(1000, group: $0) != other.publish(1000, group: $0) }, "the seed matters")
        #expect(dp.statement.dpEpsilon == 0.5 && dp.statement.method.contains("ε = 0.5 per release"))
    }
}
