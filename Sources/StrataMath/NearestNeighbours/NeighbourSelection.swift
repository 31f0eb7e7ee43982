/// The neighbour-selection heuristic of HNSW (Malkov & Yashunin 2018, algorithm 4; hnswlib's
/// `getNeighborsByHeuristic2`).
extension GraphView {
    /// Picks up to `limit` neighbours for a node from `candidates` (their similarity to that node, most
    /// similar first): a candidate is kept unless it is more similar to an already kept one than to the
    /// node, so the kept links point in different directions and long links survive. Fewer than `limit`
    /// candidates are all kept. Writes the kept ids to `list` (count first) and returns the most
    /// similar kept candidate.
    @discardableResult
    func selectNeighbours(
        from candidates: [ScoredNode], limit: Int, into list: UnsafeMutablePointer<Int32>
    ) -> ScoredNode {
        precondition(!candidates.isEmpty, "no candidates to select neighbours from")
        if candidates.count < limit {
            for (j, c) in candidates.enumerated() { list[j + 1] = c.node }
            list[0] = Int32(candidates.count)
            return candidates[0]
        }
        // The kept ids as row indices for the dot kernel, and each candidate's similarity to them.
        var kept = [Int](repeating: 0, count: limit)
        var similarity = [Float](repeating: 0, count: limit)
        var count = 0
        kept.withUnsafeMutableBufferPointer { kept in
            similarity.withUnsafeMutableBufferPointer { similarity in
                for c in candidates {
                    if count > 0 {
                        scores(kept.baseAddress!, count: count, vector(Int(c.node)), into: similarity.baseAddress!)
                        if similarity[0 ..< count].contains(where: { $0 > c.score }) { continue }
                    }
                    kept[count] = Int(c.node)
                    list[count + 1] = c.node
                    count += 1
                    if count == limit { break }
                }
            }
        }
        list[0] = Int32(count)
        return candidates[0]
    }
}
