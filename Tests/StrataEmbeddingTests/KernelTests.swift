import Foundation
import Testing

@testable import StrataEmbedding

@Suite struct KernelTests {
    @Test func erfMatchesTheCLibraryAcrossItsRange() {
        var worst: Float = 0
        for i in -6000 ... 6000 {
            let x = Float(i) / 1000
            worst = max(worst, abs(Kernels.erf(x) - erff(x)))
        }
        #expect(worst < 1e-6, "largest difference \(worst)")
        #expect(Kernels.erf(0) == 0 && Kernels.erf(10) == 1 && Kernels.erf(-10) == -1)
    }

    @Test func layerNormMatchesHandComputedValues() {
        // Row (1, 2, 3, 4, …, 10) + residual 1: mean 6.5, variance 8.25.
        var row = (1 ... 10).map(Float.init)
        let residual = [Float](repeating: 1, count: 10)
        let gamma = [Float](repeating: 2, count: 10)
        let beta = [Float](repeating: 0.5, count: 10)
        row.withUnsafeMutableBufferPointer { x in
            Kernels.addAndNormalize(
                x.baseAddress!, residual: residual, rows: 1, width: 10,
                gamma: gamma, beta: beta, epsilon: 0)
        }
        let expected = (2 ... 11).map { (Float($0) - 6.5) / Float(8.25).squareRoot() * 2 + 0.5 }
        for (a, b) in zip(row, expected) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func softmaxRowsSumToOneAndKeepOrder() {
        var scores: [Float] = [1, 2, 3, 1000, 1000, 1000]
        scores.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: 2, columns: 3, stride: 3) }
        let e = [exp(Float(-2)), exp(Float(-1)), 1]
        let total = e.reduce(0, +)
        for (a, b) in zip(scores.prefix(3), e.map { $0 / total }) { #expect(abs(a - b) < 1e-6) }
        #expect(scores.suffix(3).allSatisfy { abs($0 - 1.0 / 3) < 1e-6 }, "large scores must not overflow")
    }
}
