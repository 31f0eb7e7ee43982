/// SentencePiece's Unigram model as Hugging Face runs it: the most probable split of a word into
/// vocabulary pieces (Viterbi over the pieces' log-probability scores).
///
/// A character that starts no piece becomes the unknown piece, scored `min score − 10`, and runs of
/// unknown characters fuse into one unknown token.
///
/// Path scores are summed in `Double`, as Hugging Face sums them in f64: a sum of 32-bit scores is then
/// exact, so splits made of the same pieces in another order (`a`+`aaaaa` against `aaaaa`+`a` in a run
/// of one character) tie exactly and the first one found is kept, the one that ends in the longest
/// piece. Summed in `Float`, rounding picked among them and a run of `a` came out in another order.
public struct Unigram: Sendable {
    /// Token id of every piece, by its code points: a `String` key would match canonically equivalent
    /// pieces (`▁각` as one syllable and as three conjoining jamo, Arabic shadda and fatha in either
    /// order), which Hugging Face, comparing bytes, keeps apart.
    public let ids: [[Unicode.Scalar]: Int32]
    /// The log-probability score of every piece, by id.
    public let scores: [Float]
    /// The id of the unknown piece.
    public let unknownId: Int32
    private let unknownScore: Double
    private let longestPiece: Int

    /// A model over `pieces` (piece *i* has id *i* and score `scores[i]`).
    public init(pieces: [String], scores: [Float], unknownId: Int32) throws {
        guard pieces.count == scores.count, !pieces.isEmpty else {
            throw TokenizerError.invalidFile(
                "unigram vocabulary", reason: "\(pieces.count) pieces but \(scores.count) scores")
        }
        guard pieces.indices.contains(Int(unknownId)) else {
            throw TokenizerError.missingSpecialToken("unknown piece \(unknownId)")
        }
        var ids = [[Unicode.Scalar]: Int32](minimumCapacity: pieces.count)
        for (i, piece) in pieces.enumerated() where ids[Array(piece.unicodeScalars)] == nil {
            ids[Array(piece.unicodeScalars)] = Int32(i)
        }
        self.ids = ids
        self.scores = scores
        self.unknownId = unknownId
        self.unknownScore = Double(scores.min() ?? 0) - 10
        self.longestPiece = pieces.map(\.unicodeScalars.count).max() ?? 1
    }

    /// Appends the ids of the best split of `word` to `output`.
    public func encode(_ word: ArraySlice<Unicode.Scalar>, into output: inout [Int32]) {
        let scalars = Array(word)
        let n = scalars.count
        // best[e]: the best score of a split of the first e characters, ending with piece[e] from start[e].
        var best = [Double](repeating: -.infinity, count: n + 1)
        var piece = [Int32](repeating: unknownId, count: n + 1)
        var start = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for i in 0 ..< n {  // every i is reachable: the unknown piece always steps one character
            var candidate = [Unicode.Scalar]()
            candidate.reserveCapacity(min(n - i, longestPiece))
            var hasSingle = false
            for e in i + 1 ... min(n, i + longestPiece) {
                candidate.append(scalars[e - 1])
                guard let id = ids[candidate] else { continue }
                let score = best[i] + Double(scores[Int(id)])
                if start[e] < 0 || score > best[e] {
                    best[e] = score
                    piece[e] = id
                    start[e] = i
                }
                if e == i + 1 { hasSingle = true }
            }
            if !hasSingle, start[i + 1] < 0 || best[i] + unknownScore > best[i + 1] {
                best[i + 1] = best[i] + unknownScore
                piece[i + 1] = unknownId
                start[i + 1] = i
            }
        }
        var reversed = [Int32]()
        var end = n
        while end > 0 {
            if piece[end] != unknownId || reversed.last != unknownId { reversed.append(piece[end]) }
            end = start[end]
        }
        output.append(contentsOf: reversed.reversed())
    }
}
