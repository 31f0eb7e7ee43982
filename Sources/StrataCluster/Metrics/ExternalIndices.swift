import Foundation

extension ClusterMetrics {
    /// The adjusted Rand index between two labelings of the same points (1 = identical partitions,
    /// about 0 = chance agreement); scikit-learn's `adjusted_rand_score`.
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) throws -> Double {
        let table = try Contingency(a, b)
        let n = Double(a.count)
        func pairs(_ x: Double) -> Double { x * (x - 1) / 2 }
        let index = table.cells.values.reduce(0) { $0 + pairs(Double($1)) }
        let rowPairs = table.rowSums.reduce(0) { $0 + pairs(Double($1)) }
        let columnPairs = table.columnSums.reduce(0) { $0 + pairs(Double($1)) }
        let expected = rowPairs * columnPairs / max(pairs(n), 1)
        let maximum = (rowPairs + columnPairs) / 2
        if maximum == expected { return 1 }
        return (index - expected) / (maximum - expected)
    }

    /// Normalised mutual information with the arithmetic-mean normaliser; scikit-learn's
    /// `normalized_mutual_info_score`.
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) throws -> Double {
        let table = try Contingency(a, b)
        if table.rowSums.count == table.columnSums.count, table.rowSums.count <= 1 { return 1 }
        let n = Double(a.count)
        var mutual = 0.0
        for (cell, count) in table.cells {
            let c = Double(count)
            mutual += c / n * log(n * c / (Double(table.rowSums[cell.row]) * Double(table.columnSums[cell.column])))
        }
        func entropy(_ sums: [Int]) -> Double {
            sums.reduce(0) { total, s in s == 0 ? total : total - Double(s) / n * log(Double(s) / n) }
        }
        let normaliser = max((entropy(table.rowSums) + entropy(table.columnSums)) / 2, Double.ulpOfOne)
        return max(0, mutual) / normaliser
    }
}

/// The sparse contingency table of two labelings.
private struct Contingency {
    var cells: [Pair: Int] = [:]
    var rowSums: [Int]
    var columnSums: [Int]

    struct Pair: Hashable {
        let row: Int, column: Int
        init(_ row: Int, _ column: Int) { (self.row, self.column) = (row, column) }
    }

    init(_ a: [Int], _ b: [Int]) throws {
        guard a.count == b.count else {
            throw ClusterError.lengthMismatch(what: "labels", expected: a.count, found: b.count)
        }
        guard !a.isEmpty else { throw ClusterError.emptyInput(rows: 0, columns: 1) }
        let rows = DenseLabels(a)
        let columns = DenseLabels(b)
        rowSums = [Int](repeating: 0, count: rows.count)
        columnSums = [Int](repeating: 0, count: columns.count)
        for (r, c) in zip(rows.codes, columns.codes) {
            cells[Pair(r, c), default: 0] += 1
            rowSums[r] += 1
            columnSums[c] += 1
        }
    }
}
