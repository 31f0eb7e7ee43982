/// A stable 64-bit FNV-1a hash, fed words or texts and read as 16 hex digits — the same on every machine
/// and run, which is what a fingerprint of a fit's inputs needs (Swift's `Hasher` is seeded per process).
public struct FNV1a {
    private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The hash of nothing.
    public init() {}

    /// Mixes in one 64-bit word.
    public mutating func mix(_ word: UInt64) {
        hash ^= word
        hash &*= 0x0000_0100_0000_01B3
    }

    /// Mixes in a text's UTF-8 bytes, one word each.
    public mutating func mix(_ text: String) {
        for byte in text.utf8 { mix(UInt64(byte)) }
    }

    /// The hash as a number.
    public var value: UInt64 { hash }

    /// The hash as 16 lower-case hex digits.
    public var hex: String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
