/// A map of at most `limit` entries that lets the least recently used one go to make room: reading
/// (`value(for:)`) or writing an entry makes it the most recently used. Every operation is O(1): the
/// entries sit in slots linked from the most to the least recently used, reused after a removal. Without
/// a limit (`Int.max`) nothing ever leaves, so reads leave the order alone and never write: a copy of the
/// map (copy-on-write) then stays shared until the next write.
public struct LeastRecentlyUsed<Key: Hashable, Value> {
    private struct Slot {
        var key: Key
        /// `nil` once the slot is free, so a removed value is released at once.
        var value: Value?
        /// The slot used just before and just after this one; `-1` at either end.
        var older: Int
        var newer: Int
    }

    /// The most entries kept; `Int.max` keeps every entry.
    public let limit: Int
    private var slots = [Slot]()
    private var slotOfKey = [Key: Int]()
    private var freeSlots = [Int]()
    private var newest = -1
    private var oldest = -1

    /// An empty map keeping at most `limit` entries (`Int.max`: every entry).
    public init(limit: Int) {
        precondition(limit > 0, "a cache keeps at least one entry")
        self.limit = limit
    }

    /// How many entries are kept.
    public var count: Int { slotOfKey.count }

    /// The keys kept, in no particular order.
    public var keys: Dictionary<Key, Int>.Keys { slotOfKey.keys }

    /// The value kept for `key`, which becomes the most recently used; `nil` when none is kept.
    public mutating func value(for key: Key) -> Value? {
        guard let slot = slotOfKey[key] else { return nil }
        if limit != .max { moveToNewest(slot) }
        return slots[slot].value
    }

    /// Every value kept, in no particular order.
    public var values: [Value] { slots.compactMap(\.value) }

    /// The value kept for `key`, leaving the order of use alone.
    public func peek(_ key: Key) -> Value? {
        slotOfKey[key].flatMap { slots[$0].value }
    }

    /// Keeps `value` for `key` as the most recently used entry; when that makes one entry too many, the
    /// least recently used goes.
    public mutating func set(_ value: Value, for key: Key) {
        if let slot = slotOfKey[key] {
            slots[slot].value = value
            moveToNewest(slot)
            return
        }
        if count == limit, oldest >= 0 { remove(slots[oldest].key) }
        let entry = Slot(key: key, value: value, older: newest, newer: -1)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        slotOfKey[key] = slot
        link(slot)
    }

    /// Forgets `key`'s entry, if any.
    public mutating func remove(_ key: Key) {
        guard let slot = slotOfKey.removeValue(forKey: key) else { return }
        unlink(slot)
        slots[slot].value = nil
        freeSlots.append(slot)
    }

    /// Forgets every entry.
    public mutating func removeAll() {
        self = LeastRecentlyUsed(limit: limit)
    }

    private mutating func moveToNewest(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        link(slot)
    }

    /// Puts `slot` at the most recently used end.
    private mutating func link(_ slot: Int) {
        slots[slot].older = newest
        slots[slot].newer = -1
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (older, newer) = (slots[slot].older, slots[slot].newer)
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
        if newer >= 0 { slots[newer].older = older } else { newest = older }
    }
}
