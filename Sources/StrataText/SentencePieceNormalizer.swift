import Foundation

/// SentencePiece's text normalisation as Hugging Face's `Precompiled` normaliser applies XLM-R's
/// NFKC-based character map, followed by its `Replace(" {2,}", " ")`.
///
/// The map comes from the model file one code point at a time (`mapping`); the multi-code-point keys
/// of the precompiled map are NFKC compositions, so they are recognised as "a prefix whose NFKC form
/// differs from its characters mapped one by one". Hugging Face looks a whole grapheme cluster up
/// when it is shorter than 6 UTF-8 bytes and replaces the cluster with the value of its *shortest*
/// matching prefix (the rest of the cluster is dropped: `e` + U+0302 + U+0301 becomes `ê`); longer
/// clusters, and clusters with no matching prefix, are mapped code point by code point.
public struct SentencePieceNormalizer: Sendable {
    /// The replacement of every code point the map changes (an empty replacement deletes it).
    public let mapping: [UInt32: [Unicode.Scalar]]

    /// A normaliser over a code point map.
    public init(mapping: [UInt32: [Unicode.Scalar]]) {
        self.mapping = mapping
    }

    /// The normalised text as Unicode scalars, runs of spaces collapsed to one.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var out = [Unicode.Scalar]()
        out.reserveCapacity(text.unicodeScalars.count)
        for cluster in text {
            let scalars = Array(cluster.unicodeScalars)
            if cluster.utf8.count < 6, let replacement = clusterReplacement(scalars) {
                out.append(contentsOf: replacement)
            } else {
                for scalar in scalars { out.append(contentsOf: mapped(scalar)) }
            }
        }
        var collapsed = [Unicode.Scalar]()
        collapsed.reserveCapacity(out.count)
        for scalar in out where !(scalar == " " && collapsed.last == " ") { collapsed.append(scalar) }
        return collapsed
    }

    /// One code point through the map.
    private func mapped(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        mapping[scalar.value] ?? [scalar]
    }

    /// The value of the shortest prefix of a grapheme cluster that is a key of the precompiled map.
    private func clusterReplacement(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        if let single = mapping[scalars[0].value] { return single }
        var prefix = String.UnicodeScalarView([scalars[0]])
        var mappedPrefix = mapped(scalars[0])
        for scalar in scalars.dropFirst() {
            prefix.append(scalar)
            mappedPrefix += mapped(scalar)
            let composed = String(prefix).precomposedStringWithCompatibilityMapping.unicodeScalars
            if !composed.elementsEqual(mappedPrefix) { return composed.flatMap(mapped) }
        }
        return nil
    }
}
