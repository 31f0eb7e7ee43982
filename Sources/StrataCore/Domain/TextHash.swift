/// A stable 64-bit FNV-1a hash of a text's UTF-8 bytes, in hex — the same on every machine and run.
public enum TextHash {
    public static func of(_ text: String) -> String {
        var hash = FNV1a()
        hash.mix(text)
        return hash.hex
    }
}
