import StrataMath

import struct StrataStore.FitCache

/// Item-based nearest neighbours on the binary interaction matrix: the shrunk cosine
/// `|U_i ∩ U_j| / (√|U_i|·√|U_j| + shrinkage)`, keeping each item's `neighbours` most similar items;
/// a user's score for item `i` is the sum of its similarities to the user's items among those neighbours.
///
/// It keeps nothing per user: a user's scores are summed from their items' neighbour lists per request,
/// O(|items| × neighbours). (Kept dense sums would cost 4 bytes per catalog item per user: 3.8 GB for
/// 10,000 users over 10⁶ items.)
public struct ItemKNN: SparselyScoring {
    public let neighbours: Int
    public let shrinkage: Float
    /// For each catalog item `j`, the items `i` that kept `j` as a neighbour, with the similarity.
    private let neighbourOf: [[(item: Int, similarity: Float)]]
    private let catalogSize: Int

    public var name: String { "itemknn" }

    /// The most items of one user that count in the co-occurrences (their latest).
    public static let coOccurrenceWindow = 5_000

    /// Fits on `matrix`, each item keeping its `neighbours` (≥ 1) most similar items under the shrinkage
    /// (≥ 0). With a `cache`, the lists fitted on the same users' items (in order), catalog size and
    /// settings are read back instead, and a fresh fit is kept there.
    public init(fitting matrix: InteractionMatrix, neighbours: Int, shrinkage: Float, cache: FitCache? = nil) throws {
        guard neighbours > 0 else {
            throw RecommendError.invalidParameter(name: "neighbours", value: "\(neighbours)", expected: "at least 1")
        }
        guard shrinkage >= 0 else {
            throw RecommendError.invalidParameter(name: "shrinkage", value: "\(shrinkage)", expected: "0 or more")
        }
        self.neighbours = neighbours
        self.shrinkage = shrinkage
        catalogSize = matrix.itemIDs.count
        guard let cache else {
            neighbourOf = Self.neighbourLists(matrix, neighbours: neighbours, shrinkage: shrinkage)
            return
        }
        let fingerprint = matrix.fingerprint(
            "itemknn neighbours=\(neighbours) shrinkage=\(shrinkage.bitPattern) window=\(Self.coOccurrenceWindow)")
        if let bytes = cache.loadBytes(kind: "itemknn", fingerprint: fingerprint) {
            do {
                neighbourOf = try KeptNeighbours.decode(bytes, catalogSize: catalogSize)
                return
            } catch {
                cache.log("\(cache.bytesName(kind: "itemknn", fingerprint: fingerprint)): \(error); fitting again")
            }
        }
        neighbourOf = Self.neighbourLists(matrix, neighbours: neighbours, shrinkage: shrinkage)
        cache.storeBytes(KeptNeighbours.encode(neighbourOf), kind: "itemknn", fingerprint: fingerprint)
    }

    /// For each catalog item `j`, the items `i` that keep `j` among their `neighbours` most similar.
    private static func neighbourLists(_ matrix: InteractionMatrix, neighbours: Int, shrinkage: Float)
        -> [[(item: Int, similarity: Float)]]
    {
        let catalogSize = matrix.itemIDs.count
        // A user's items co-occur pairwise, so the pass costs Σ |items|² over users: the heaviest users
        // count with their latest `coOccurrenceWindow` items (more than any ml-latest-small user has).
        let userItems = matrix.userItems.map { $0.suffix(Self.coOccurrenceWindow) }
        var itemUsers = [[Int]](repeating: [], count: catalogSize)
        for (user, items) in userItems.enumerated() { for item in items { itemUsers[item].append(user) } }
        let norms = itemUsers.map { Float($0.count).squareRoot() }
        var neighbourOf = [[(item: Int, similarity: Float)]](repeating: [], count: catalogSize)
        var overlap = [Float](repeating: 0, count: catalogSize)
        var touched = [Int]()
        for i in 0 ..< catalogSize where !itemUsers[i].isEmpty {
            for user in itemUsers[i] {
                for j in userItems[user] where j != i {
                    if overlap[j] == 0 { touched.append(j) }
                    overlap[j] += 1
                }
            }
            var similarities = [Float](repeating: 0, count: touched.count)
            for (n, j) in touched.enumerated() {
                similarities[n] = overlap[j] / (norms[i] * norms[j] + shrinkage)
                overlap[j] = 0
            }
            for best in TopK.largest(similarities, k: neighbours) {
                neighbourOf[touched[best.index]].append((i, best.score))
            }
            touched.removeAll(keepingCapacity: true)
        }
        return neighbourOf
    }

    public func scores(for users: [UserContext]) -> Matrix {
        var out = Matrix(rows: users.count, columns: catalogSize)
        out.values.withUnsafeMutableBufferPointer { values in
            for (row, user) in users.enumerated() {
                let base = row * catalogSize
                for j in user.items {
                    for (i, similarity) in neighbourOf[j] { values[base + i] += similarity }
                }
            }
        }
        return out
    }

    /// The neighbours of the user's items: O(|items| × neighbours) however large the catalog.
    public func sparseScores(for user: UserContext) -> [Int: Float] {
        var scores = [Int: Float]()
        for j in user.items {
            for (i, similarity) in neighbourOf[j] { scores[i, default: 0] += similarity }
        }
        return scores
    }
}
