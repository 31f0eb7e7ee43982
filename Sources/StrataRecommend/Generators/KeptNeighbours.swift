import Foundation

/// ItemKNN's neighbour lists as bytes to keep between runs (`FitCache`): a header of three little-endian
/// 64-bit integers (a magic number, the catalog size, the number of pairs), each catalog item's list
/// length as a 32-bit integer, then every list's items (32-bit integers) and similarities (float32).
enum KeptNeighbours {
    /// Marks the bytes as neighbour lists of this layout ("KNNv1" in ASCII).
    static let magic: Int64 = 0x31_764E_4E4B

    /// Why kept bytes are not the neighbour lists of a catalog.
    struct Invalid: Error, CustomStringConvertible {
        let reason: String
        var description: String { "not kept ItemKNN neighbours: \(reason)" }
    }

    /// The bytes of `lists` (one per catalog item).
    static func encode(_ lists: [[(item: Int, similarity: Float)]]) -> Data {
        var data = Data()
        let pairs = lists.reduce(0) { $0 + $1.count }
        for value in [magic, Int64(lists.count), Int64(pairs)] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        lists.map { Int32($0.count).littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        lists.flatMap { $0.map { Int32($0.item).littleEndian } }.withUnsafeBytes { data.append(contentsOf: $0) }
        lists.flatMap { $0.map { $0.similarity.bitPattern.littleEndian } }.withUnsafeBytes {
            data.append(contentsOf: $0)
        }
        return data
    }

    /// Reads `encode`'s bytes back, checking they are whole lists over a catalog of `catalogSize` items.
    static func decode(_ data: Data, catalogSize: Int) throws -> [[(item: Int, similarity: Float)]] {
        let headerBytes = 3 * 8
        guard data.count >= headerBytes else { throw Invalid(reason: "\(data.count) bytes, shorter than the header") }
        return try data.withUnsafeBytes { raw in
            func int64(_ index: Int) -> Int {
                Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: Int64.self)))
            }
            func word(_ offset: Int) -> UInt32 {
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            guard Int64(int64(0)) == magic else { throw Invalid(reason: "the magic number is missing") }
            let (count, pairs) = (int64(1), int64(2))
            guard count == catalogSize else {
                throw Invalid(reason: "lists over \(count) items, the catalog has \(catalogSize)")
            }
            guard (0 ... 1 << 40).contains(pairs), data.count == headerBytes + 4 * count + 8 * pairs else {
                throw Invalid(
                    reason: "\(data.count) bytes, the header announces \(headerBytes + 4 * count + 8 * pairs)")
            }
            let items = headerBytes + 4 * count
            let similarities = items + 4 * pairs
            var lists = [[(item: Int, similarity: Float)]](repeating: [], count: count)
            var pair = 0
            for list in 0 ..< count {
                let length = Int(Int32(bitPattern: word(headerBytes + 4 * list)))
                guard length >= 0, pair + length <= pairs else { throw Invalid(reason: "item \(list)'s list overruns") }
                lists[list].reserveCapacity(length)
                for _ in 0 ..< length {
                    let item = Int(Int32(bitPattern: word(items + 4 * pair)))
                    guard (0 ..< count).contains(item) else {
                        throw Invalid(reason: "neighbour \(item) outside the catalog")
                    }
                    lists[list].append((item, Float(bitPattern: word(similarities + 4 * pair))))
                    pair += 1
                }
            }
            guard pair == pairs else { throw Invalid(reason: "\(pairs) pairs announced, \(pair) listed") }
            return lists
        }
    }
}
