/// Escaping text for HTML.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A colour per group, spread around the hue circle by the golden angle.
    static func colour(_ group: Int) -> String {
        "hsl(\(Int((Double(group) * 137.508).truncatingRemainder(dividingBy: 360))), 65%, 50%)"
    }
}
