import StrataCore

extension InteractionMatrix {
    /// A 64-bit FNV-1a hash, in hex, of `settings`, the catalog size and every user's item columns in
    /// their order: what a fit reading the rows in order (ItemKNN's latest items, ALS's sweeps) read.
    /// User ids are left out: a fit reads rows, and the ids of a kept fit's rows are this matrix's.
    func fingerprint(_ settings: String) -> String {
        var hash = FNV1a()
        hash.mix(settings)
        hash.mix(UInt64(itemIDs.count))
        hash.mix(UInt64(userItems.count))
        for items in userItems {
            hash.mix(UInt64(items.count))
            for item in items { hash.mix(UInt64(item)) }
        }
        return hash.hex
    }
}
