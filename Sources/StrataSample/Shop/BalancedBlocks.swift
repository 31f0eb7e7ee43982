/// `total` things split into `parts` contiguous blocks whose sizes differ by at most one (the first
/// `total % parts` blocks hold one more), computed arithmetically so no per-thing table is needed.
struct BalancedBlocks: Sendable {
    let total: Int
    let parts: Int
    private let base: Int
    private let extra: Int

    /// Needs `1 <= parts <= total`, so every block holds at least one thing.
    init(total: Int, parts: Int) {
        precondition(parts >= 1 && parts <= total, "cannot split \(total) into \(parts) non-empty blocks")
        self.total = total
        self.parts = parts
        base = total / parts
        extra = total % parts
    }

    /// The index of the first thing of block `part`.
    func start(_ part: Int) -> Int { part * base + min(part, extra) }

    /// How many things block `part` holds.
    func count(_ part: Int) -> Int { part < extra ? base + 1 : base }

    /// The things of block `part`.
    func range(_ part: Int) -> Range<Int> { start(part) ..< start(part) + count(part) }

    /// The block that thing `index` falls in.
    func part(of index: Int) -> Int {
        let big = extra * (base + 1)
        return index < big ? index / (base + 1) : extra + (index - big) / base
    }
}
