import Foundation

/// Machine-readable output: one JSON document with sorted keys.
enum JSONOutput {
    static func string(_ object: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
