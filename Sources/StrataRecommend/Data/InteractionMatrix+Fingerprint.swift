extension InteractionMatrix {
    /// A 64-bit FNV-1a hash, in hex, of `settings`, the catalog size and every user's item columns in
    /// their order: what a fit reading the rows in order (ItemKNN's latest items, ALS's sweeps) read.
    /// User ids are left out: a fit reads rows, and the ids of a kept fit's rows are this matrix's.
    func fingerprint(_ settings: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ word: UInt64) {
            hash ^= word
            hash &*= 0x0000_0100_0000_01B3
        }
        for byte in settings.utf8 { mix(UInt64(byte)) }
        mix(UInt64(itemIDs.count))
        mix(UInt64(userItems.count))
        for items in userItems {
            mix(UInt64(items.count))
            for item in items { mix(UInt64(item)) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
