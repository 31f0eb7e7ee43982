import Foundation

/// The shop's catalog, all arithmetic: leaf categories grouped under about √C roots in contiguous
/// blocks, and items in contiguous id blocks per leaf, so an item's category follows from its number
/// and only the C leaf names are kept in memory.
struct ShopCatalog: Sendable {
    let shape: ShopShape
    /// Leaves into roots.
    let leavesOfRoot: BalancedBlocks
    /// Items (numbered from 0) into leaves.
    let itemsOfLeaf: BalancedBlocks
    /// Each leaf's path, `c12>c12.7`, as bytes ready to write.
    let leafNames: [[UInt8]]

    init(shape: ShopShape) {
        self.shape = shape
        leavesOfRoot = BalancedBlocks(total: shape.categories, parts: shape.roots)
        itemsOfLeaf = BalancedBlocks(total: shape.items, parts: shape.categories)
        let roots = leavesOfRoot
        leafNames = (0 ..< shape.categories).map { leaf in
            let root = roots.part(of: leaf)
            let child = leaf - roots.start(root)
            return Array("c\(root + 1)>c\(root + 1).\(child + 1)".utf8)
        }
    }

    /// A leaf's path as text.
    func leafName(_ leaf: Int) -> String { String(decoding: leafNames[leaf], as: UTF8.self) }

    /// The item of popularity rank `rank` (0 the most popular) in `leaf`.
    func item(leaf: Int, rank: Int) -> Int { itemsOfLeaf.start(leaf) + rank }

    /// Appends an item's id, `i` and its 1-based number zero-padded (`i0000001`).
    func appendItemID(_ item: Int, to sink: ByteSink) {
        sink.append(byte: UInt8(ascii: "i"))
        sink.append(decimal: item + 1, width: shape.itemIDWidth)
    }

    /// Writes `items.csv`: `item_id,title,categories`, titles empty, one leaf path per item.
    func writeItems(to url: URL) throws {
        let sink = try ByteSink(url: url)
        sink.append("item_id,title,categories")
        try sink.endLine()
        for leaf in 0 ..< shape.categories {
            for item in itemsOfLeaf.range(leaf) {
                appendItemID(item, to: sink)
                sink.append(byte: UInt8(ascii: ","))
                sink.append(byte: UInt8(ascii: ","))
                sink.append(leafNames[leaf])
                try sink.endLine()
            }
        }
        try sink.close()
    }
}
